package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.runtime.FlowParkedException;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settle-payment flow is durable: whatever stops it, at whichever phase of finality, it finishes the
 * very transaction its parties signed, exactly once, at payer, payee and regulator; or, if the notary
 * refused it, nobody holds it. The ledger's other flows converge too, by retry or by recovery.
 * These are chosen crash points, each with what it leaves behind; {@link KilledPaymentFlowTest} kills
 * the node at every one.
 */
class DurablePaymentFlowTest {
    private static final String RECORDING = "INSERT INTO ledger_transaction";
    private static final String NOTARY_COMMIT = "INSERT INTO ledger_notary_commit";
    private static final String PHASE_ONE = "INSERT INTO ledger_pending_transaction";
    private static final String JOURNAL = "INSERT INTO flow_journal";
    private static final String AUDIT = "INSERT INTO ledger_audit";
    private static final Supplier<Throwable> DIES = () -> new NodeDied("while recording");

    private final DataSource database = LedgerFixture.dataSource();
    private final FaultyDataSource faulty = new FaultyDataSource(database);
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ClearlineLedger ledger = open(faulty.dataSource());

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aPaymentFlowThatDiedBetweenNotarisationAndRecordingRecordsTheSameTransactionWhenTheNodeRestarts() {
        String uetr = newUetr();
        aPaymentDies(uetr, () -> faulty.failNext(RECORDING, DIES));
        String notarised = theOnlyTransactionTheNotaryCommitted();
        assertThat(ledger.transaction(notarised)).isEmpty();
        assertPendingEverywhereAndNothingMoved(ledger, notarised);

        ClearlineLedger restarted = restartAndAssertSettledExactlyOnce(notarised);

        assertThat(restarted.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId())
                .isEqualTo(notarised);
        assertThat(theOnlyTransactionTheNotaryCommitted()).isEqualTo(notarised);
        FlowSummary completed = flow(restarted, uetr);
        assertThat(completed.status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(completed.attempts()).isEqualTo(2);
    }

    @Test
    void aTransientFailureWhileRecordingIsRetriedAndRecordsTheTransactionTheNotarySigned() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(RECORDING, () -> new SQLTransientConnectionException("connection reset", "08006"));

        String settled = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId();

        assertThat(settled).isEqualTo(theOnlyTransactionTheNotaryCommitted());
        assertSettledExactlyOnce(ledger, settled, 300);
        FlowSummary completed = flow(ledger, uetr);
        assertThat(completed.attempts()).isEqualTo(2);
        assertThat(completed.lastError()).contains("connection reset");
    }

    @Test
    void aPaymentParkedAfterNotarisationIsRetriedByAnOperatorAndRecordsTheTransactionTheNotarySigned() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(RECORDING, () -> FaultyDataSource.nonTransient("ledger_transaction is unusable"));

        CompletableFuture<LedgerReceipt> parked = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));

        assertThatThrownBy(parked::join).hasCauseInstanceOf(FlowParkedException.class);
        assertThat(ledger.flowRunner().list(FlowStatus.PARKED, 0, 10).items()).extracting(FlowSummary::flowId)
                .containsExactly(SettlePaymentFlow.flowId(uetr));
        String notarised = theOnlyTransactionTheNotaryCommitted();
        // Its transaction is the parked flow's to finish: recovery leaves it alone, however old.
        assertThat(ledger.flows().resolvePending(Instant.now().plus(Duration.ofHours(1)), 10))
                .isEqualTo(new PendingResolution(0, 0, 1, 0));
        assertPendingEverywhereAndNothingMoved(ledger, notarised);

        assertThat(ledger.flowRunner().retry(SettlePaymentFlow.flowId(uetr)).join()).isEqualTo(notarised);

        assertSettledExactlyOnce(ledger, notarised, 300);
        assertThat(ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId())
                .isEqualTo(notarised);
    }

    @Test
    void aPaymentKilledAfterTheNotaryCommittedItIsAskedAgainAndFinishesThatTransactionNeverASecond() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(RECORDING, () -> FaultyDataSource.nonTransient("ledger_transaction is unusable"));
        CompletableFuture<LedgerReceipt> parked = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));
        assertThatThrownBy(parked::join).hasCauseInstanceOf(FlowParkedException.class);
        String notarised = theOnlyTransactionTheNotaryCommitted();

        // Killed where the kill's warning says it should not be: its cash is unlocked, its transaction committed.
        assertThat(ledger.flowRunner().kill(SettlePaymentFlow.flowId(uetr), "killed in error")).isTrue();
        assertThat(ledger.softLocks().size()).isZero();
        assertPendingEverywhereAndNothingMoved(ledger, notarised);

        // Asked again, the payment finishes the committed transaction instead of building one that would
        // conflict with it (same cash) or pay a second time (other cash).
        assertThat(ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId())
                .isEqualTo(notarised);
        assertSettledExactlyOnce(ledger, notarised, 300);
        assertThat(theOnlyTransactionTheNotaryCommitted()).isEqualTo(notarised);
    }

    @Test
    void recoveryDeletesTheTransactionOfAKilledPaymentTheNotaryNeverCommittedInsteadOfCommittingItNow() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(NOTARY_COMMIT, () -> FaultyDataSource.nonTransient("the notary's table is unusable"));
        CompletableFuture<LedgerReceipt> parked = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));
        assertThatThrownBy(parked::join).hasCauseInstanceOf(FlowParkedException.class);
        String pending = theOnlyPendingTransaction();
        assertThat(ledger.flowRunner().kill(SettlePaymentFlow.flowId(uetr), "the payment was cancelled")).isTrue();

        assertThat(ledger.flows().resolvePending(Instant.now().plus(Duration.ofHours(1)), 10))
                .as("its caller was told it was killed: not settled behind its back")
                .isEqualTo(new PendingResolution(0, 1, 0, 0));

        assertThat(notaryCommits()).isEmpty();
        assertThat(query("SELECT transaction_id FROM ledger_pending_transaction")).isEmpty();
        assertThat(ledger.transaction(pending)).isEmpty();
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isZero();
    }

    @Test
    void recoveryFinishesTheTransactionOfAKilledPaymentTheNotaryCommitted() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(RECORDING, () -> FaultyDataSource.nonTransient("ledger_transaction is unusable"));
        CompletableFuture<LedgerReceipt> parked = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));
        assertThatThrownBy(parked::join).hasCauseInstanceOf(FlowParkedException.class);
        String notarised = theOnlyTransactionTheNotaryCommitted();
        assertThat(ledger.flowRunner().kill(SettlePaymentFlow.flowId(uetr), "killed in error")).isTrue();

        assertThat(ledger.flows().resolvePending(Instant.now().plus(Duration.ofHours(1)), 10))
                .isEqualTo(new PendingResolution(1, 0, 0, 0));

        assertSettledExactlyOnce(ledger, notarised, 300);
    }

    @Test
    void killingAPaymentParkedBeforeNotarisationReleasesThePayersCash() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(NOTARY_COMMIT, () -> FaultyDataSource.nonTransient("the notary's table is unusable"));

        CompletableFuture<LedgerReceipt> parked = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 1_000));
        assertThatThrownBy(parked::join).hasCauseInstanceOf(FlowParkedException.class);
        assertThat(ledger.softLocks().size()).isPositive();

        assertThat(ledger.flowRunner().kill(SettlePaymentFlow.flowId(uetr), "the payment was cancelled")).isTrue();

        assertThat(ledger.softLocks().size()).isZero();
        assertThat(flow(ledger, uetr).lastError()).contains("killed: the payment was cancelled");
        // All of the payer's cash is free again: another payment may spend every unit of it.
        String other = ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 1_000)).join().transactionId();
        assertSettledExactlyOnce(ledger, other, 1_000);
    }

    @Test
    void aPaymentFlowThatDiedAfterPhaseOneReachedOnlyThePayerFinishesTheSameTransactionWhenTheNodeRestarts() {
        aPaymentDies(newUetr(), () -> faulty.failAfterCommit(PHASE_ONE, DIES));
        assertThat(notaryCommits()).isEmpty();
        String pending = theOnlyPendingTransaction();
        assertPendingEverywhereAndNothingMoved(ledger, pending);
        // As if the payee's and the regulator's nodes never got phase one: only the payer holds it.
        execute("DELETE FROM ledger_pending_transaction WHERE holder <> 'BANKAAAA'");

        restartAndAssertSettledExactlyOnce(pending);

        assertThat(theOnlyTransactionTheNotaryCommitted()).isEqualTo(pending);
    }

    @Test
    void aPaymentFlowThatDiedAfterTheNotarySignedButBeforeItKeptTheSignatureAsksAgainAndFinishesTheSameTransaction() {
        aPaymentDies(newUetr(), () -> faulty.failNextAfter(NOTARY_COMMIT, JOURNAL, DIES));
        String notarised = theOnlyTransactionTheNotaryCommitted();
        assertPendingEverywhereAndNothingMoved(ledger, notarised);

        restartAndAssertSettledExactlyOnce(notarised);

        assertThat(theOnlyTransactionTheNotaryCommitted()).isEqualTo(notarised);
    }

    @Test
    void aPaymentFlowThatDiedDuringFinalityLeavesNoPartyFinalAndFinishesAtEveryPartyWhenTheNodeRestarts() {
        // The regulator's audit is written after payer's and payee's recordings, in the same database transaction.
        aPaymentDies(newUetr(), () -> faulty.failNext(AUDIT, DIES));
        String notarised = theOnlyTransactionTheNotaryCommitted();
        assertPendingEverywhereAndNothingMoved(ledger, notarised);

        restartAndAssertSettledExactlyOnce(notarised);
    }

    @Test
    void anIssuanceThatDiedAfterPhaseOneIsFinalisedByRecoveryAtOpeningAndItsTransferIdAnswersWithIt() {
        faulty.failAfterCommit(PHASE_ONE, DIES);

        assertThatThrownBy(() -> issue(ledger, 1_000)).hasCauseInstanceOf(NodeDied.class);
        String pending = theOnlyPendingTransaction();
        // Claimed but not final: not counted as issued, and nothing in circulation.
        assertThat(ledger.issued("EUR")).isZero();
        assertThat(ledger.cashInCirculation("EUR")).isZero();

        // Opened later than the limit: recovery at opening takes the transaction as abandoned.
        ClearlineLedger restarted = open(database, Clock.offset(Clock.systemUTC(),
                ClearlineLedger.PENDING_RECOVERY_AGE_MIN.plusSeconds(1)));

        assertThat(restarted.recovery().join()).isEqualTo(new PendingResolution(1, 0, 0, 0));
        assertThat(issue(restarted, 1_000)).isEqualTo(pending);
        assertThat(restarted.issued("EUR")).isEqualTo(1_000).isEqualTo(restarted.cashInCirculation("EUR"));
        assertThat(restarted.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(restarted.audit().clean()).isTrue();
        assertThat(pendingTransactionIds()).isEmpty();
    }

    @Test
    void aRedemptionThatDiedAfterPhaseOneIsFinishedByItsRetryWithTheSameTransferId() {
        issue(ledger, 1_000);
        faulty.failAfterCommit(PHASE_ONE, DIES);
        CashRedemptionRequest redemption = new CashRedemptionRequest("redeem-1", BANK_A, Money.of(400, "EUR"));

        assertThatThrownBy(() -> ledger.ledgerPort().redeemCash(redemption).join()).hasCauseInstanceOf(NodeDied.class);
        String pending = theOnlyPendingTransaction();
        assertThat(ledger.redeemed("EUR")).isZero();
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);

        ClearlineLedger restarted = open(database);

        assertThat(restarted.ledgerPort().redeemCash(redemption).join().transactionId()).isEqualTo(pending);
        assertThat(restarted.redeemed("EUR")).isEqualTo(400);
        assertThat(restarted.cashBalance(BANK_A, "EUR")).isEqualTo(600);
        assertThat(restarted.issued("EUR")).isEqualTo(600).isEqualTo(restarted.cashInCirculation("EUR"));
        assertThat(restarted.audit().clean()).isTrue();
        assertThat(pendingTransactionIds()).isEmpty();
    }

    @Test
    void aNettedSettlementThatDiedAfterPhaseOneIsFinishedByItsRetryWithTheSameRunId() {
        issue(ledger, 1_000);
        NettedSettlementRequest run = new NettedSettlementRequest("run-1", "EUR",
                List.of(payment(newUetr(), BANK_A, BANK_B, 300)));
        faulty.failAfterCommit(PHASE_ONE, DIES);

        assertThatThrownBy(() -> ledger.ledgerPort().settleNetted(run).join()).hasCauseInstanceOf(NodeDied.class);
        String pending = theOnlyPendingTransaction();
        assertPendingEverywhereAndNothingMoved(ledger, pending);

        ClearlineLedger restarted = open(database);

        assertThat(restarted.ledgerPort().settleNetted(run).join().transactionId()).isEqualTo(pending);
        assertSettledExactlyOnce(restarted, pending, 300);
        assertThat(pendingTransactionIds()).isEmpty();
    }

    @Test
    void theSameUetrForAnotherPaymentIsRefusedWithAm05() {
        issue(ledger, 1_000);
        String uetr = newUetr();
        ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 100)).join();

        CompletableFuture<LedgerReceipt> other = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 200));

        assertThatThrownBy(other::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LedgerRefusedException.class);
        LedgerRefusedException refusal = (LedgerRefusedException) other.handle((ok, failure) -> failure).join();
        assertThat(refusal.reason().code()).isEqualTo(ReasonCode.AM05);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(100);
    }

    private ClearlineLedger open(DataSource dataSource) {
        return open(dataSource, Clock.systemUTC());
    }

    private ClearlineLedger open(DataSource dataSource, Clock clock) {
        return LedgerFixture.open(dataSource, clock, executor);
    }

    /** Issues 1,000 to the payer, arms {@code fault}, and starts a payment of 300 that dies of it: left RUNNABLE. */
    private void aPaymentDies(String uetr, Runnable fault) {
        issue(ledger, 1_000);
        fault.run();

        CompletableFuture<LedgerReceipt> dying = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));

        assertThatThrownBy(dying::join).hasCauseInstanceOf(NodeDied.class);
        assertThat(flow(ledger, uetr).status()).isEqualTo(FlowStatus.RUNNABLE);
    }

    /** Opens the node again on its database: the dead flow resumes and settles {@code transactionId} exactly once. */
    private ClearlineLedger restartAndAssertSettledExactlyOnce(String transactionId) {
        ClearlineLedger restarted = open(database);
        assertThat(restarted.resumption().join()).isEqualTo(1);
        assertSettledExactlyOnce(restarted, transactionId, 300);
        return restarted;
    }

    private static String issue(ClearlineLedger ledger, long amount) {
        return ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-1", BANK_A, Money.of(amount, "EUR")))
                .join().transactionId();
    }

    private static FlowSummary flow(ClearlineLedger ledger, String uetr) {
        return ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).orElseThrow();
    }

    private static void assertSettledExactlyOnce(ClearlineLedger ledger, String transactionId, long amount) {
        List<Party> holders = List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator());
        for (Party holder : holders) {
            assertThat(ledger.isRecordedAt(holder, transactionId)).isTrue();
            assertThat(ledger.store().holdsPending(holder, transactionId)).isFalse();
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isEqualTo(1);
        }
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(amount);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000 - amount);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(ledger.audit().clean()).isTrue();
        assertThat(ledger.audit().paymentsRecorded()).isEqualTo(1);
    }

    /** Phase one reached payer, payee and regulator, and nothing else did: no cash moved, no payment is visible. */
    private static void assertPendingEverywhereAndNothingMoved(ClearlineLedger ledger, String transactionId) {
        for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
            assertThat(ledger.store().holdsPending(holder, transactionId)).as(holder.name()).isTrue();
            assertThat(ledger.isRecordedAt(holder, transactionId)).as(holder.name()).isFalse();
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isZero();
        }
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isZero();
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(ledger.audit().paymentsRecorded()).isZero();
    }

    /** What the notary committed, read from its table: the one transaction that spent the payer's cash. */
    private String theOnlyTransactionTheNotaryCommitted() {
        List<String> committed = notaryCommits();
        assertThat(committed).hasSize(1);
        return committed.get(0);
    }

    private List<String> notaryCommits() {
        return query("SELECT DISTINCT consuming_transaction_id FROM ledger_notary_commit");
    }

    private String theOnlyPendingTransaction() {
        List<String> pending = pendingTransactionIds();
        assertThat(pending).hasSize(1);
        return pending.get(0);
    }

    private List<String> pendingTransactionIds() {
        return query("SELECT DISTINCT transaction_id FROM ledger_pending_transaction");
    }

    private List<String> query(String sql) {
        return LedgerFixture.query(database, sql);
    }

    private void execute(String sql) {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
