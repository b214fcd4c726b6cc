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
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.runtime.FlowParkedException;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The settle-payment flow is durable: whatever stops it after the notary signed, it records the very
 * transaction the notary signed, exactly once, at payer, payee and regulator.
 */
class DurablePaymentFlowTest {
    private static final String RECORDING = "INSERT INTO ledger_transaction";
    private static final String NOTARY_COMMIT = "INSERT INTO ledger_notary_commit";

    /** The node's process dies: an Error leaves the flow's checkpoint as a crash would, RUNNABLE. */
    private static final class NodeDied extends Error {
        NodeDied() {
            super("the node died while recording");
        }
    }

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
        issue(ledger, 1_000);
        String uetr = newUetr();
        faulty.failNext(RECORDING, NodeDied::new);

        CompletableFuture<LedgerReceipt> dying = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300));

        assertThatThrownBy(dying::join).hasCauseInstanceOf(NodeDied.class);
        String notarised = theOnlyTransactionTheNotaryCommitted();
        assertThat(ledger.transaction(notarised)).isEmpty();
        assertThat(flow(ledger, uetr).status()).isEqualTo(FlowStatus.RUNNABLE);

        ClearlineLedger restarted = open(database);

        assertThat(restarted.resumption().join()).isEqualTo(1);
        assertThat(restarted.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId())
                .isEqualTo(notarised);
        assertSettledExactlyOnce(restarted, notarised, 300);
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

        assertThat(ledger.flowRunner().retry(SettlePaymentFlow.flowId(uetr)).join()).isEqualTo(notarised);

        assertSettledExactlyOnce(ledger, notarised, 300);
        assertThat(ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 300)).join().transactionId())
                .isEqualTo(notarised);
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
        ClearlineLedger opened = ClearlineLedger.open(dataSource, Clock.systemUTC(), executor, "CBANKXXX", "notary",
                "regulator");
        opened.admit(BANK_A);
        opened.admit(BANK_B);
        return opened;
    }

    private static void issue(ClearlineLedger ledger, long amount) {
        ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-1", BANK_A, Money.of(amount, "EUR"))).join();
    }

    private static FlowSummary flow(ClearlineLedger ledger, String uetr) {
        return ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).orElseThrow();
    }

    private static void assertSettledExactlyOnce(ClearlineLedger ledger, String transactionId, long amount) {
        List<Party> holders = List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator());
        for (Party holder : holders) {
            assertThat(ledger.isRecordedAt(holder, transactionId)).isTrue();
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isEqualTo(1);
        }
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(amount);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000 - amount);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(ledger.audit().clean()).isTrue();
        assertThat(ledger.audit().paymentsRecorded()).isEqualTo(1);
    }

    /** What the notary committed, read from its table: the one transaction that spent the payer's cash. */
    private String theOnlyTransactionTheNotaryCommitted() {
        List<String> committed = new ArrayList<>();
        try (Connection connection = database.getConnection();
             Statement query = connection.createStatement();
             ResultSet rows = query.executeQuery("SELECT DISTINCT consuming_transaction_id FROM ledger_notary_commit")) {
            while (rows.next()) {
                committed.add(rows.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertThat(committed).hasSize(1);
        return committed.get(0);
    }
}
