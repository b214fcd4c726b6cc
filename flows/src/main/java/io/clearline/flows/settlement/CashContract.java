package io.clearline.flows.settlement;

import static io.clearline.flows.ledger.Requirements.require;

import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Contract;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PublicKey;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of central-bank cash: issued only by its issuer, moved only by its owners, never created by
 * a move, redeemed only with both its owner and its issuer signing.
 */
public final class CashContract implements Contract {
    public static final String NAME = "io.clearline.flows.settlement.CashContract";

    @Override
    public void verify(LedgerTransaction tx) {
        List<Command> commands = tx.commandsOfType(CashCommand.class);
        require("A cash transaction has exactly one cash command", commands.size() == 1);
        Command command = commands.get(0);
        List<CashState> inputs = tx.inputStates(CashState.class);
        List<CashState> outputs = tx.outputStates(CashState.class);
        switch ((CashCommand) command.value()) {
            case ISSUE -> verifyIssue(command, inputs, outputs);
            case MOVE -> verifyMove(command, inputs, outputs);
            case REDEEM -> verifyRedeem(command, inputs, outputs);
        }
    }

    private static void verifyIssue(Command command, List<CashState> inputs, List<CashState> outputs) {
        require("Issue has no cash inputs", inputs.isEmpty());
        require("Issue has at least one cash output", !outputs.isEmpty());
        require("Every cash amount is positive", outputs.stream().allMatch(cash -> cash.amountMinorUnits() > 0));
        require("Issue is signed by the issuer",
                outputs.stream().allMatch(cash -> command.signers().contains(cash.issuer().publicKey())));
    }

    private static void verifyMove(Command command, List<CashState> inputs, List<CashState> outputs) {
        require("Move has at least one cash input", !inputs.isEmpty());
        require("Every cash amount is positive", inputs.stream().allMatch(cash -> cash.amountMinorUnits() > 0)
                && outputs.stream().allMatch(cash -> cash.amountMinorUnits() > 0));
        require("Move is signed by the owner of every input",
                inputs.stream().allMatch(cash -> command.signers().contains(cash.owner().publicKey())));
        require("Move conserves cash per currency and issuer", totals(inputs).equals(totals(outputs)));
    }

    /**
     * Commands carry no fields (see {@link io.clearline.flows.ledger.CommandData}), so the redeemed
     * amount is what the inputs hold beyond the change: inputs = outputs + redeemed, per currency and
     * issuer, with the redeemed amount positive in each.
     */
    private static void verifyRedeem(Command command, List<CashState> inputs, List<CashState> outputs) {
        require("Redeem has at least one cash input", !inputs.isEmpty());
        require("Every cash amount is positive", inputs.stream().allMatch(cash -> cash.amountMinorUnits() > 0)
                && outputs.stream().allMatch(cash -> cash.amountMinorUnits() > 0));
        require("Redeem spends the cash of one owner",
                inputs.stream().map(CashState::owner).distinct().count() == 1);
        Party owner = inputs.get(0).owner();
        require("Redeem is signed by the owner and by the issuer of every input",
                command.signers().contains(owner.publicKey())
                        && inputs.stream().allMatch(cash -> command.signers().contains(cash.issuer().publicKey())));
        require("Redeem gives change back to the owner only",
                outputs.stream().allMatch(cash -> cash.owner().equals(owner)));
        Map<CurrencyAndIssuer, Long> in = totals(inputs);
        Map<CurrencyAndIssuer, Long> out = totals(outputs);
        require("Redeem conserves cash: inputs = outputs + a positive redeemed amount, per currency and issuer",
                in.keySet().containsAll(out.keySet())
                        && in.entrySet().stream().allMatch(total -> total.getValue() > out.getOrDefault(total.getKey(), 0L)));
    }

    private record CurrencyAndIssuer(String currency, PublicKey issuer) {
    }

    private static Map<CurrencyAndIssuer, Long> totals(List<CashState> states) {
        Map<CurrencyAndIssuer, Long> totals = new HashMap<>();
        for (CashState cash : states) {
            Party issuer = cash.issuer();
            totals.merge(new CurrencyAndIssuer(cash.currency(), issuer.publicKey()), cash.amountMinorUnits(), Math::addExact);
        }
        return totals;
    }
}
