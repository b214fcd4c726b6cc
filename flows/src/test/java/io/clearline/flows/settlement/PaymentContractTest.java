package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.ContractTestSupport.BANK_A;
import static io.clearline.flows.settlement.ContractTestSupport.BANK_B;
import static io.clearline.flows.settlement.ContractTestSupport.UETR;
import static io.clearline.flows.settlement.ContractTestSupport.cash;

import io.clearline.flows.ledger.Party;
import io.clearline.flows.settlement.ContractTestSupport.Tx;
import org.junit.jupiter.api.Test;

class PaymentContractTest {
    private static PaymentState payment(long amount) {
        return new PaymentState(UETR, BANK_A, BANK_B, amount, "EUR");
    }

    /** 100 of A's cash in; 60 to B, 40 change to A; a payment of {@code paymentAmount}. */
    private static Tx settle(long paymentAmount) {
        return new Tx().input(cash(100, BANK_A)).output(cash(60, BANK_B)).output(cash(40, BANK_A))
                .output(payment(paymentAmount)).command(CashCommand.MOVE, BANK_A);
    }

    @Test
    void aPaymentOfExactlyWhatMovesSignedByBothVerifies() {
        settle(60).command(PaymentCommand.SETTLE, BANK_A, BANK_B).verifies();
    }

    @Test
    void aPaymentTransactionHasExactlyOnePaymentCommand() {
        settle(60).failsWith("A payment transaction has exactly one payment command");
    }

    @Test
    void settleConsumesNoPaymentState() {
        settle(60).input(payment(60)).command(PaymentCommand.SETTLE, BANK_A, BANK_B)
                .failsWith("Settle consumes no payment state");
    }

    @Test
    void settleCreatesExactlyOnePaymentState() {
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_B)).command(CashCommand.MOVE, BANK_A)
                .command(PaymentCommand.SETTLE, BANK_A, BANK_B).failsWith("Settle creates exactly one payment state");
        settle(60).output(new PaymentState("another", BANK_A, BANK_B, 60, "EUR"))
                .command(PaymentCommand.SETTLE, BANK_A, BANK_B).failsWith("Settle creates exactly one payment state");
    }

    @Test
    void thePaymentAmountIsPositive() {
        new Tx().output(payment(0)).command(PaymentCommand.SETTLE, BANK_A, BANK_B)
                .failsWith("The payment amount is positive");
    }

    @Test
    void payerAndPayeeAreDifferentParties() {
        new Tx().output(new PaymentState(UETR, BANK_A, BANK_A, 60, "EUR")).command(PaymentCommand.SETTLE, BANK_A)
                .failsWith("Payer and payee are different parties");
    }

    @Test
    void thePayeeReceivesExactlyThePaymentAmount() {
        settle(70).command(PaymentCommand.SETTLE, BANK_A, BANK_B)
                .failsWith("The payee receives exactly the payment amount");
    }

    @Test
    void thePayerPaysExactlyThePaymentAmount() {
        // B receives 60 from a third party's cash, while A pays nothing: the payee check alone would pass.
        io.clearline.flows.ledger.Party bankC = ContractTestSupport.party("BANKCCCC");
        new Tx().input(cash(60, bankC)).output(cash(60, BANK_B)).output(payment(60)).command(CashCommand.MOVE, bankC)
                .command(PaymentCommand.SETTLE, BANK_A, BANK_B).failsWith("The payer pays exactly the payment amount");
    }

    @Test
    void payerAndPayeeBothSign() {
        settle(60).command(PaymentCommand.SETTLE, BANK_A).failsWith("Payer and payee both sign");
    }

    // Settle netted: a ring A -> B 60, B -> C 60, C -> A 20; A receives 20 and pays 60 (net -40), B nets 0,
    // C nets +40. Only A's cash moves.

    private static final Party BANK_C = ContractTestSupport.party("BANKCCCC");

    private static Tx ring() {
        return new Tx().input(cash(100, BANK_A)).output(cash(60, BANK_A)).output(cash(40, BANK_C))
                .output(new PaymentState("u-1", BANK_A, BANK_B, 60, "EUR"))
                .output(new PaymentState("u-2", BANK_B, BANK_C, 60, "EUR"))
                .output(new PaymentState("u-3", BANK_C, BANK_A, 20, "EUR"))
                .command(CashCommand.MOVE, BANK_A);
    }

    @Test
    void aNettedRingWhereEachPartyMovesItsNetSignedByAllVerifies() {
        ring().command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_B, BANK_C).verifies();
    }

    @Test
    void settleNettedCreatesAtLeastOnePaymentState() {
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_B)).command(CashCommand.MOVE, BANK_A)
                .command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_B)
                .failsWith("Settle netted creates at least one payment state");
    }

    @Test
    void settleNettedPaymentsHaveDistinctUetrs() {
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_B))
                .output(new PaymentState("u-1", BANK_A, BANK_B, 50, "EUR"))
                .output(new PaymentState("u-1", BANK_A, BANK_B, 50, "EUR"))
                .command(CashCommand.MOVE, BANK_A).command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_B)
                .failsWith("Settle netted payments have distinct UETRs");
    }

    @Test
    void everyPartysCashChangesByExactlyItsPaymentsInMinusItsPaymentsOut() {
        String rule = "Every party's cash changes by exactly its payments in minus its payments out";
        // C is paid 30 in cash though its payments net +40.
        new Tx().input(cash(100, BANK_A)).output(cash(70, BANK_A)).output(cash(30, BANK_C))
                .output(new PaymentState("u-1", BANK_A, BANK_B, 60, "EUR"))
                .output(new PaymentState("u-2", BANK_B, BANK_C, 60, "EUR"))
                .output(new PaymentState("u-3", BANK_C, BANK_A, 20, "EUR"))
                .command(CashCommand.MOVE, BANK_A).command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_B, BANK_C)
                .failsWith(rule);
        // A bystander's cash may not ride along.
        new Tx().input(cash(100, BANK_A)).output(cash(60, BANK_A)).output(cash(40, BANK_C))
                .input(cash(5, BANK_B)).output(cash(5, CENTRAL))
                .output(new PaymentState("u-1", BANK_A, BANK_B, 60, "EUR"))
                .output(new PaymentState("u-2", BANK_B, BANK_C, 60, "EUR"))
                .output(new PaymentState("u-3", BANK_C, BANK_A, 20, "EUR"))
                .command(CashCommand.MOVE, BANK_A, BANK_B)
                .command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_B, BANK_C)
                .failsWith(rule);
    }

    @Test
    void everyPayerAndEveryPayeeSigns() {
        ring().command(PaymentCommand.SETTLE_NETTED, BANK_A, BANK_C).failsWith("Every payer and every payee signs");
    }

    private static final Party CENTRAL = ContractTestSupport.CENTRAL_BANK;
}
