package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PendingTransaction;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.VaultEntry;
import io.clearline.flows.ledger.WireTransaction;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two-phase finality's rules for the store and the flows, on whichever database a subclass provides
 * (a fresh one per test): a pending transaction moves nothing, finalising moves it at every holder,
 * a notary's refusal deletes it at every holder, and recovery resolves what was left pending.
 */
abstract class PendingFinalityContract {
    private static final long ISSUED = 1_000;
    private static final long PAID = 300;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private ClearlineLedger ledger;
    private SettlementFlows flows;
    private Party bankA;
    private Party bankB;
    private List<Party> everyHolder;

    abstract DataSource newDatabase();

    @BeforeEach
    void open() {
        ledger = ClearlineLedger.open(newDatabase(), Clock.systemUTC(), executor, "CBANKXXX", "notary", "regulator");
        flows = ledger.flows();
        bankA = ledger.admit(BANK_A);
        bankB = ledger.admit(BANK_B);
        everyHolder = List.of(bankA, bankB, ledger.regulator());
        ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-1", BANK_A, Money.of(ISSUED, "EUR"))).join();
    }

    @AfterEach
    void close() {
        executor.close();
    }

    @Test
    void aPendingTransactionsOutputsAreNeitherSpendableNorCountedAndItsInputsStayUnconsumed() {
        SignedTransaction stx = signedPayments(1).get(0);

        assertThat(recordPending(stx, "test:1")).isTrue();

        for (Party holder : everyHolder) {
            assertThat(ledger.store().holdsPending(holder, stx.id())).as(holder.name()).isTrue();
            assertThat(ledger.isRecordedAt(holder, stx.id())).as(holder.name()).isFalse();
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isZero();
        }
        // The payee never held the payer's cash; the payer and the regulator hold it still unconsumed.
        assertThat(ledger.store().consumedAmong(bankA, stx.tx().inputs())).isEmpty();
        assertThat(ledger.store().consumedAmong(ledger.regulator(), stx.tx().inputs())).isEmpty();
        assertThat(ledger.transaction(stx.id())).isEmpty();
        assertThat(ledger.store().unconsumedAfter(bankB, SettlementCodecs.CASH, bankB.name(), "EUR", null, 10)).isEmpty();
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isZero();
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR")).isEqualTo(ISSUED);
        assertThat(ledger.audit().paymentsRecorded()).isZero();
    }

    @Test
    void recordingAPendingTransactionAgainIsHarmlessAndWritesItsClaimsOnce() {
        SignedTransaction stx = signedPayments(1).get(0);
        AtomicInteger claims = new AtomicInteger();

        assertThat(ledger.store().recordPending(stx, List.of(bankA, bankB), List.of(ledger.regulator()), "test:1",
                connection -> claims.incrementAndGet())).isTrue();
        assertThat(ledger.store().recordPending(stx, List.of(bankA, bankB), List.of(ledger.regulator()), "test:1",
                connection -> claims.incrementAndGet())).isFalse();

        assertThat(claims).hasValue(1);
        PendingTransaction pending = ledger.store().pending(stx.id()).orElseThrow();
        assertThat(pending.participantNames()).containsExactlyInAnyOrder(bankA.name(), bankB.name());
        assertThat(pending.observerNames()).containsExactly(ledger.regulator().name());
        assertThat(pending.operationKey()).isEqualTo("test:1");
        assertThat(pending.transaction().id()).isEqualTo(stx.id());
        assertThat(ledger.store().pendingOfOperation("test:1")).map(found -> found.transaction().id()).contains(stx.id());
    }

    @Test
    void finalisingMovesTheCashAtEveryHolderAndLeavesNoPendingCopyAndRecordingPendingAfterwardsChangesNothing() {
        SignedTransaction stx = signedPayments(1).get(0);
        recordPending(stx, "test:1");
        RecordedTransaction notarised = flows.notarise(stx);

        flows.recordFinal(notarised, List.of(bankA, bankB));
        flows.recordFinal(notarised, List.of(bankA, bankB));
        assertThat(recordPending(stx, "test:1")).isFalse();

        assertFinalEverywhere(stx.id());
        assertThat(ledger.store().consumedAmong(bankA, stx.tx().inputs())).containsExactlyInAnyOrderElementsOf(
                stx.tx().inputs());
        assertBalancesAfterOnePayment();
    }

    @Test
    void aNotaryConflictDeletesThePendingTransactionAtEveryPartyAndTheRegulator() throws InterruptedException {
        List<SignedTransaction> spendingTheSameCash = signedPayments(2);
        SignedTransaction winner = spendingTheSameCash.get(0);
        SignedTransaction loser = spendingTheSameCash.get(1);
        flows.finality(winner, List.of(bankA, bankB), "test:winner", SettlementFlows.NO_CLAIMS, flows::notarise);

        assertThatThrownBy(() -> flows.finality(loser, List.of(bankA, bankB), "test:loser", SettlementFlows.NO_CLAIMS,
                flows::notarise))
                .isInstanceOf(LedgerRefusedException.class)
                .satisfies(refused -> assertThat(((LedgerRefusedException) refused).reason().code())
                        .isEqualTo(ReasonCode.NARR))
                .hasMessageContaining("inputs already consumed");

        for (Party holder : everyHolder) {
            assertThat(ledger.store().holdsPending(holder, loser.id())).as(holder.name()).isFalse();
            assertThat(ledger.isRecordedAt(holder, loser.id())).as(holder.name()).isFalse();
        }
        assertThat(ledger.store().pending(loser.id())).isEmpty();
        assertFinalEverywhere(winner.id());
        assertBalancesAfterOnePayment();
    }

    @Test
    void deletingAPendingTransactionDeletesItsClaimsSoTheirTransferIdCanBeUsedAgain() {
        SignedTransaction stx = signedPayments(1).get(0);
        CashIssuances.Issuance claim = new CashIssuances.Issuance("transfer-2", stx.id(), bankA.name(), 500, "EUR");
        ledger.store().recordPending(stx, List.of(bankA, bankB), List.of(ledger.regulator()), "test:1",
                connection -> CashIssuances.insert(connection, claim, Instant.now()));
        assertThat(ledger.issued("EUR")).isEqualTo(ISSUED);

        assertThat(ledger.store().deletePending(stx.id(),
                connection -> TransferClaims.deleteClaimsOf(connection, stx.id()))).isEqualTo(3);
        assertThat(ledger.store().deletePending(stx.id(),
                connection -> TransferClaims.deleteClaimsOf(connection, stx.id()))).isZero();

        assertThat(ledger.store().pending(stx.id())).isEmpty();
        ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-2", BANK_A, Money.of(500, "EUR"))).join();
        assertThat(ledger.issued("EUR")).isEqualTo(ISSUED + 500).isEqualTo(ledger.cashInCirculation("EUR"));
    }

    @Test
    void aFinalTransactionIsNeverDeleted() throws InterruptedException {
        SignedTransaction stx = signedPayments(1).get(0);
        flows.finality(stx, List.of(bankA, bankB), "test:1", SettlementFlows.NO_CLAIMS, flows::notarise);

        assertThatThrownBy(() -> ledger.store().deletePending(stx.id(), SettlementFlows.NO_CLAIMS))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("never deleted");

        assertFinalEverywhere(stx.id());
    }

    @Test
    void recoveryFinalisesWhatTheNotarySignedAndDeletesWhatItRefusedEverywhere() {
        List<SignedTransaction> spendingTheSameCash = signedPayments(2);
        SignedTransaction refused = spendingTheSameCash.get(0);
        SignedTransaction signed = spendingTheSameCash.get(1);
        recordPending(refused, "test:refused");
        recordPending(signed, "test:signed");
        // The node died after the notary signed one and before anything was finalised.
        flows.notarise(signed);

        PendingResolution resolution = flows.resolvePending(Instant.now().plusSeconds(1), 10);

        assertThat(resolution).isEqualTo(new PendingResolution(1, 1, 0, 0));
        assertThat(ledger.store().pending(refused.id())).isEmpty();
        everyHolder.forEach(holder -> assertThat(ledger.isRecordedAt(holder, refused.id())).isFalse());
        assertFinalEverywhere(signed.id());
        assertBalancesAfterOnePayment();
    }

    @Test
    void recoveryFinishesAFinalityThatReachedOnlyOneParty() {
        SignedTransaction stx = signedPayments(1).get(0);
        recordPending(stx, "test:1");
        RecordedTransaction notarised = flows.notarise(stx);
        // As on separate nodes: the payer's node finalised, the payee's and the regulator's did not.
        ledger.store().finalise(notarised, List.of(bankA), List.of(), SettlementFlows.NO_CLAIMS);
        assertThat(ledger.store().pending(stx.id()).orElseThrow().participantNames()).containsExactly(bankB.name());

        assertThat(flows.resolvePending(Instant.now().plusSeconds(1), 10)).isEqualTo(new PendingResolution(1, 0, 0, 0));

        assertFinalEverywhere(stx.id());
        assertBalancesAfterOnePayment();
    }

    @Test
    void recoveryLeavesTransactionsYoungerThanItsLimitAlone() {
        SignedTransaction stx = signedPayments(1).get(0);
        recordPending(stx, "test:1");

        assertThat(ledger.resolvePendingTransactions()).isEqualTo(new PendingResolution(0, 0, 0, 0));

        assertThat(ledger.store().pending(stx.id())).isPresent();
    }

    /**
     * {@code count} payments of {@link #PAID} from bank A to bank B, each signed by both, all spending the
     * same cash (different salts make them different transactions): at most one can be notarised.
     */
    private List<SignedTransaction> signedPayments(int count) {
        UUID lockId = UUID.randomUUID();
        List<VaultEntry> cash;
        try {
            cash = flows.selectCash(bankA, "EUR", PAID, "pay", lockId);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        ledger.softLocks().release(lockId, cash.stream().map(VaultEntry::ref).toList());
        PaymentProposal proposal = new PaymentProposal(newUetr(), bankA, bankB, PAID, "EUR");
        return IntStream.range(0, count).mapToObj(i -> flows.buildAndSignAsPayer(proposal, cash,
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES))).map(signedByPayer ->
                signedByPayer.withSignature(ledger.identities().sign(bankB, signedByPayer.id()))).toList();
    }

    private boolean recordPending(SignedTransaction stx, String operationKey) {
        return ledger.store().recordPending(stx, List.of(bankA, bankB), List.of(ledger.regulator()), operationKey,
                SettlementFlows.NO_CLAIMS);
    }

    private void assertFinalEverywhere(String transactionId) {
        for (Party holder : everyHolder) {
            assertThat(ledger.isRecordedAt(holder, transactionId)).as(holder.name()).isTrue();
            assertThat(ledger.store().holdsPending(holder, transactionId)).as(holder.name()).isFalse();
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).as(holder.name())
                    .isEqualTo(1);
        }
    }

    private void assertBalancesAfterOnePayment() {
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED - PAID);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(PAID);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR")).isEqualTo(ISSUED);
        LedgerAudit audit = ledger.audit();
        assertThat(audit.clean()).isTrue();
        assertThat(audit.paymentsRecorded()).isEqualTo(1);
    }
}
