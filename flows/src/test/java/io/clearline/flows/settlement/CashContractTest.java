package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.ContractTestSupport.BANK_A;
import static io.clearline.flows.settlement.ContractTestSupport.BANK_B;
import static io.clearline.flows.settlement.ContractTestSupport.CENTRAL_BANK;
import static io.clearline.flows.settlement.ContractTestSupport.cash;

import io.clearline.flows.settlement.ContractTestSupport.Tx;
import org.junit.jupiter.api.Test;

class CashContractTest {

    @Test
    void issueSignedByTheIssuerVerifies() {
        new Tx().output(cash(100, BANK_A)).command(CashCommand.ISSUE, CENTRAL_BANK).verifies();
    }

    @Test
    void aCashTransactionHasExactlyOneCashCommand() {
        new Tx().output(cash(100, BANK_A)).failsWith("A cash transaction has exactly one cash command");
        new Tx().output(cash(100, BANK_A)).command(CashCommand.ISSUE, CENTRAL_BANK).command(CashCommand.MOVE, BANK_A)
                .failsWith("A cash transaction has exactly one cash command");
    }

    @Test
    void issueHasNoCashInputs() {
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_A)).command(CashCommand.ISSUE, CENTRAL_BANK)
                .failsWith("Issue has no cash inputs");
    }

    @Test
    void issueHasAtLeastOneCashOutput() {
        new Tx().command(CashCommand.ISSUE, CENTRAL_BANK).failsWith("Issue has at least one cash output");
    }

    @Test
    void issuedAmountsArePositive() {
        new Tx().output(cash(0, BANK_A)).command(CashCommand.ISSUE, CENTRAL_BANK)
                .failsWith("Every cash amount is positive");
    }

    @Test
    void issueIsSignedByTheIssuer() {
        new Tx().output(cash(100, BANK_A)).command(CashCommand.ISSUE, BANK_A).failsWith("Issue is signed by the issuer");
    }

    @Test
    void moveSignedByTheOwnerVerifies() {
        new Tx().input(cash(100, BANK_A)).output(cash(60, BANK_B)).output(cash(40, BANK_A))
                .command(CashCommand.MOVE, BANK_A).verifies();
    }

    @Test
    void moveHasAtLeastOneCashInput() {
        new Tx().output(cash(100, BANK_B)).command(CashCommand.MOVE, BANK_A)
                .failsWith("Move has at least one cash input");
    }

    @Test
    void movedAmountsArePositive() {
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_B)).output(cash(-5, BANK_A)).output(cash(5, BANK_A))
                .command(CashCommand.MOVE, BANK_A).failsWith("Every cash amount is positive");
    }

    @Test
    void moveIsSignedByTheOwnerOfEveryInput() {
        new Tx().input(cash(100, BANK_A)).input(cash(50, BANK_B)).output(cash(150, BANK_B))
                .command(CashCommand.MOVE, BANK_A).failsWith("Move is signed by the owner of every input");
    }

    @Test
    void moveConservesCashPerCurrencyAndIssuer() {
        new Tx().input(cash(100, BANK_A)).output(cash(101, BANK_B)).command(CashCommand.MOVE, BANK_A)
                .failsWith("Move conserves cash per currency and issuer");
        new Tx().input(cash(100, BANK_A)).output(new CashState(100, "USD", CENTRAL_BANK, BANK_B))
                .command(CashCommand.MOVE, BANK_A).failsWith("Move conserves cash per currency and issuer");
        new Tx().input(cash(100, BANK_A)).output(new CashState(100, "EUR", BANK_A, BANK_B))
                .command(CashCommand.MOVE, BANK_A).failsWith("Move conserves cash per currency and issuer");
    }

    @Test
    void redeemSignedByTheOwnerAndTheIssuerVerifies() {
        new Tx().input(cash(100, BANK_A)).output(cash(40, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .verifies();
        new Tx().input(cash(100, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK).verifies();
    }

    @Test
    void redeemHasAtLeastOneCashInput() {
        new Tx().output(cash(100, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .failsWith("Redeem has at least one cash input");
    }

    @Test
    void redeemedAmountsArePositive() {
        new Tx().input(cash(100, BANK_A)).output(cash(-5, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .failsWith("Every cash amount is positive");
    }

    @Test
    void redeemSpendsTheCashOfOneOwner() {
        new Tx().input(cash(100, BANK_A)).input(cash(100, BANK_B)).command(CashCommand.REDEEM, BANK_A, BANK_B,
                CENTRAL_BANK).failsWith("Redeem spends the cash of one owner");
    }

    @Test
    void redeemIsSignedByTheOwnerAndByTheIssuerOfEveryInput() {
        new Tx().input(cash(100, BANK_A)).command(CashCommand.REDEEM, BANK_A)
                .failsWith("Redeem is signed by the owner and by the issuer of every input");
        new Tx().input(cash(100, BANK_A)).command(CashCommand.REDEEM, CENTRAL_BANK)
                .failsWith("Redeem is signed by the owner and by the issuer of every input");
    }

    @Test
    void redeemGivesChangeBackToTheOwnerOnly() {
        new Tx().input(cash(100, BANK_A)).output(cash(40, BANK_B)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .failsWith("Redeem gives change back to the owner only");
    }

    @Test
    void redeemConservesCashInputsEqualOutputsPlusAPositiveRedeemedAmount() {
        String rule = "Redeem conserves cash: inputs = outputs + a positive redeemed amount, per currency and issuer";
        new Tx().input(cash(100, BANK_A)).output(cash(100, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .failsWith(rule);
        new Tx().input(cash(100, BANK_A)).output(cash(101, BANK_A)).command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK)
                .failsWith(rule);
        new Tx().input(cash(100, BANK_A)).output(new CashState(40, "USD", CENTRAL_BANK, BANK_A))
                .command(CashCommand.REDEEM, BANK_A, CENTRAL_BANK).failsWith(rule);
    }
}
