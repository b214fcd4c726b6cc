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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SettlementFlowsTest {
    /** How long one payment of a queue on one bank's cash may take, to size the queue's wait (see its test). */
    private static final Duration PAYMENT_IN_QUEUE_MAX = Duration.ofSeconds(1);
    private LedgerFixture fixture;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void issueThenPayMovesTheAmountAndEveryoneCanVerifyIt() {
        fixture = new LedgerFixture();
        ClearlineLedger ledger = fixture.ledger;
        fixture.issue("transfer-1", BANK_A, 1_000_000);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000_000);
        String uetr = newUetr();

        String id = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 250_075)).join().transactionId();

        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(749_925);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(250_075);
        assertThat(ledger.isRecordedAt(ledger.regulator(), id)).isTrue();
        assertThat(ledger.isRecordedAt(ledger.admit(BANK_A), id)).isTrue();
        assertThat(ledger.isRecordedAt(ledger.admit(BANK_B), id)).isTrue();
        TransactionView view = ledger.transaction(id).orElseThrow();
        assertThat(view.signatures()).extracting(TransactionView.SignatureView::signerName)
                .containsExactlyInAnyOrder("BANKAAAA", "BANKBBBB", "notary");
        assertThat(view.signatures()).allMatch(TransactionView.SignatureView::verifies);
        assertThat(view.notarySignature().signerName()).isEqualTo("notary");
        assertThat(view.notarisedAt()).isNotNull();
        assertThat(view.outputs()).anySatisfy(output -> {
            assertThat(output.type()).isEqualTo("payment");
            assertThat(output.fields()).containsEntry("uetr", uetr).containsEntry("amountMinorUnits", 250_075L)
                    .containsEntry("currency", "EUR");
        });
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR")).isEqualTo(1_000_000);
    }

    @Test
    void issuanceIsSplitAndIdempotentByTransferId() {
        fixture = new LedgerFixture();
        String first = fixture.issue("transfer-1", BANK_A, 1_000);
        String again = fixture.issue("transfer-1", BANK_A, 1_000);

        assertThat(again).isEqualTo(first);
        assertThat(fixture.ledger.issued("EUR")).isEqualTo(1_000);
        assertThat(fixture.ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(fixture.ledger.transaction(first).orElseThrow().outputs())
                .hasSize(SettlementFlows.CASH_STATES_PER_ISSUANCE_MAX);
        assertThat(fixture.ledger.isRecordedAt(fixture.ledger.centralBank(), first)).isTrue();
    }

    @Test
    void aTransferIdReusedForOtherContentIsRefusedWithAm05() {
        fixture = new LedgerFixture();
        fixture.issue("transfer-1", BANK_A, 1_000);
        CompletableFuture<LedgerReceipt> reused = fixture.ledger.ledgerPort()
                .issueCash(new CashIssuanceRequest("transfer-1", BANK_A, Money.of(2_000, "EUR")));
        assertRefused(reused, ReasonCode.AM05);
    }

    @Test
    void theSameUetrSettlesOnceAndAnswersWithTheSameTransaction() {
        fixture = new LedgerFixture();
        fixture.issue("transfer-1", BANK_A, 1_000);
        String uetr = newUetr();

        String first = fixture.ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 100)).join().transactionId();
        String second = fixture.ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 100)).join().transactionId();

        assertThat(second).isEqualTo(first);
        assertThat(fixture.ledger.cashBalance(BANK_B, "EUR")).isEqualTo(100);
        assertThat(fixture.ledger.store().countStates(fixture.ledger.regulator(), "payment", false)).isEqualTo(1);
    }

    @Test
    void insufficientCashIsRefusedWithAm04AndNothingIsRecorded() {
        fixture = new LedgerFixture();
        fixture.issue("transfer-1", BANK_A, 1_000);

        assertRefused(fixture.ledger.ledgerPort().settlePayment(payment(newUetr(), BANK_A, BANK_B, 1_001)), ReasonCode.AM04);

        assertThat(fixture.ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(fixture.ledger.cashBalance(BANK_B, "EUR")).isZero();
        assertThat(fixture.ledger.store().countStates(fixture.ledger.regulator(), "payment", false)).isZero();
        assertThat(fixture.ledger.softLocks().size()).isZero();
    }

    @Test
    void aBankNotAdmittedIsRefused() {
        fixture = new LedgerFixture();
        assertRefused(fixture.ledger.ledgerPort().settlePayment(
                payment(newUetr(), io.clearline.core.common.api.Bic.of("NOBANKXX"), BANK_B, 1)), ReasonCode.DNOR);
    }

    @Test
    void thePayeeRefusesATransactionThatPaysItLessThanAskedAndNothingIsRecorded() {
        HonestPaymentTransactionBuilder honest = new HonestPaymentTransactionBuilder();
        // A dishonest payer: builds an honest-looking payment of one unit less than asked.
        fixture = new LedgerFixture((proposal, inputs, notary, salt) -> honest.build(new PaymentProposal(proposal.uetr(),
                proposal.payer(), proposal.payee(), proposal.amountMinorUnits() - 1, proposal.currency()), inputs, notary,
                salt));
        fixture.issue("transfer-1", BANK_A, 1_000);
        String uetr = newUetr();

        CompletableFuture<LedgerReceipt> tampered = fixture.ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, 500));

        LedgerRefusedException refusal = assertRefused(tampered, ReasonCode.NARR);
        assertThat(refusal.reason().explanation()).contains("payee BANKBBBB refused").contains("not the 500 EUR asked");
        assertThat(fixture.ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000);
        assertThat(fixture.ledger.cashBalance(BANK_B, "EUR")).isZero();
        for (Party holder : List.of(fixture.ledger.admit(BANK_A), fixture.ledger.admit(BANK_B), fixture.ledger.regulator())) {
            assertThat(fixture.ledger.store().countStates(holder, "payment", false)).isZero();
            assertThat(fixture.ledger.store().countStates(holder, "cash", true)).isZero();
        }
        assertThat(fixture.ledger.softLocks().size()).isZero();
    }

    @Test
    void sixtyFourParallelPaymentsFromOneBankAllSettleExactlyOnce() throws Exception {
        int paymentCount = 64;
        // One cash state, and each payment leaves one change state: the 64 payments spend it one after
        // another, and the last waits for the 63 before it to settle. SOFT_LOCK_WAIT_MAX (10 s) bounds one
        // payment's wait in service, where few payments queue on one bank's cash; here the queue is 63 deep
        // by construction, so the test sizes the wait for it: 63 payments ahead at 1 s each. Alone, a payment
        // of this chain takes about 70 ms (the 64 in 4.3 s on two cores, 5.3 s pinned to one core); 1 s each
        // leaves room for a share of the CPU about 12 times smaller, as on the 2-core CI machine at load
        // average ~13, where the 10 s bound refused the payments left at the end of the queue (AM04, "not
        // enough cash unlocked in time"). No payment waits on one that is stuck: each ahead of it settles.
        Duration queueWait = PAYMENT_IN_QUEUE_MAX.multipliedBy(paymentCount - 1);
        fixture = new LedgerFixture(queueWait);
        ClearlineLedger ledger = fixture.ledger;
        fixture.issue("transfer-1", BANK_A, 1_000_000);
        List<String> uetrs = IntStream.range(0, paymentCount).mapToObj(i -> newUetr()).toList();

        List<CompletableFuture<LedgerReceipt>> receipts = new ArrayList<>();
        for (int i = 0; i < paymentCount; i++) {
            receipts.add(ledger.ledgerPort().settlePayment(payment(uetrs.get(i), BANK_A, BANK_B, 1_000 + i)));
        }
        Set<String> ids = new HashSet<>();
        for (CompletableFuture<LedgerReceipt> receipt : receipts) {
            // The last payment's wait, and its own settling after it.
            ids.add(receipt.get(queueWait.plus(PAYMENT_IN_QUEUE_MAX).toMillis(), TimeUnit.MILLISECONDS)
                    .transactionId());
        }

        long paid = IntStream.range(0, paymentCount).mapToLong(i -> 1_000 + i).sum();
        assertThat(ids).hasSize(paymentCount);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(paid);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(1_000_000 - paid);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(ledger.store().countStates(ledger.regulator(), "payment", false)).isEqualTo(paymentCount);
        assertNoStateConsumedTwice(ids);
        for (String id : ids) {
            assertThat(ledger.transaction(id).orElseThrow().inputs()).as("cash spent by %s: the state before it"
                    + " in the queue (the issued one, or the change of the payment before)", id).hasSize(1);
        }
        LedgerAudit audit = ledger.audit();
        assertThat(audit.clean()).isTrue();
        assertThat(audit.paymentsRecorded()).isEqualTo(paymentCount);
    }

    private void assertNoStateConsumedTwice(Set<String> transactionIds) {
        List<String> allInputs = transactionIds.stream()
                .flatMap(id -> fixture.ledger.transaction(id).orElseThrow().inputs().stream())
                .map(input -> input.transactionId() + ":" + input.outputIndex()).toList();
        assertThat(allInputs).doesNotHaveDuplicates();
    }

    static LedgerRefusedException assertRefused(CompletableFuture<LedgerReceipt> future, ReasonCode code) {
        assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(LedgerRefusedException.class);
        LedgerRefusedException refusal = (LedgerRefusedException) future.handle((ok, failure) -> failure).join();
        assertThat(refusal.reason().code()).isEqualTo(code);
        return refusal;
    }

}
