package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.ContractTestSupport.BANK_A;
import static io.clearline.flows.settlement.ContractTestSupport.BANK_B;
import static io.clearline.flows.settlement.ContractTestSupport.UETR;
import static io.clearline.flows.settlement.ContractTestSupport.cash;

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
}
