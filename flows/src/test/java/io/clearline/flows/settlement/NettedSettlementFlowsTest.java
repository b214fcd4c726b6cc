package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The netting flow that settles a gridlock run: a ring no bank could start alone settles in one transaction. */
class NettedSettlementFlowsTest {
    private static final Bic BANK_C = Bic.of("BANKCCCC");
    private final LedgerFixture fixture = new LedgerFixture();
    private final ClearlineLedger ledger = fixture.ledger;

    @AfterEach
    void close() {
        fixture.close();
    }

    private String settle(String runId, List<PaymentSettlementRequest> payments) {
        return ledger.ledgerPort().settleNetted(new NettedSettlementRequest(runId, "EUR", payments)).join()
                .transactionId();
    }

    @Test
    void aRingOfPaymentsLargerThanAnyBalanceSettlesByNetsInOneTransactionEveryoneRecords() {
        ledger.admit(BANK_C);
        fixture.issue("pledge-a", BANK_A, 100);
        List<PaymentSettlementRequest> ring = List.of(payment(newUetr(), BANK_A, BANK_B, 500),
                payment(newUetr(), BANK_B, BANK_C, 500), payment(newUetr(), BANK_C, BANK_A, 450));

        String transactionId = settle("run-1", ring);

        // A pays 500 and receives 450: net -50; B nets 0; C nets +50.
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(50);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isZero();
        assertThat(ledger.cashBalance(BANK_C, "EUR")).isEqualTo(50);
        TransactionView view = ledger.transaction(transactionId).orElseThrow();
        assertThat(view.commands()).extracting(TransactionView.CommandView::name)
                .containsExactly("cash.move", "payment.settle-netted");
        assertThat(view.signatures()).allMatch(TransactionView.SignatureView::verifies);
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            assertThat(ledger.isRecordedAt(ledger.admit(bank), transactionId)).as(bank.value()).isTrue();
        }
        assertThat(ledger.isRecordedAt(ledger.regulator(), transactionId)).isTrue();
        assertThat(ledger.audit().clean()).isTrue();
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"));
        assertThat(ledger.softLocks().size()).isZero();
        assertThat(settle("run-1", ring)).as("the same run again is the same transaction").isEqualTo(transactionId);
    }

    @Test
    void aRingWhoseNetsAreAllZeroMovesNoCashAndStillRecordsEveryPayment() {
        List<PaymentSettlementRequest> ring = List.of(payment(newUetr(), BANK_A, BANK_B, 700),
                payment(newUetr(), BANK_B, BANK_A, 700));

        String transactionId = settle("run-2", ring);

        TransactionView view = ledger.transaction(transactionId).orElseThrow();
        assertThat(view.commands()).extracting(TransactionView.CommandView::name).containsExactly("payment.settle-netted");
        assertThat(view.outputs()).hasSize(2);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isZero();
        assertThat(ledger.audit().clean()).isTrue();
    }

    @Test
    void aNetPayerWithoutEnoughCashIsRefusedWithAM04AndNothingIsRecorded() {
        fixture.issue("pledge-a", BANK_A, 10);
        String uetr = newUetr();
        List<PaymentSettlementRequest> payments = List.of(payment(uetr, BANK_A, BANK_B, 500),
                payment(newUetr(), BANK_B, BANK_A, 100));

        assertThatThrownBy(() -> settle("run-3", payments)).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(LedgerRefusedException.class,
                        refused -> assertThat(refused.reason().code()).isEqualTo(ReasonCode.AM04));
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(10);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isZero();
        assertThat(ledger.softLocks().size()).isZero();
    }
}
