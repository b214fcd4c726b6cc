package io.clearline.flows.settlement;

import static io.clearline.flows.ledger.Requirements.require;

import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Contract;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.Party;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules of a payment: it moves exactly its amount from payer to payee, and both banks sign. */
public final class PaymentContract implements Contract {
    public static final String NAME = "io.clearline.flows.settlement.PaymentContract";

    @Override
    public void verify(LedgerTransaction tx) {
        List<Command> commands = tx.commandsOfType(PaymentCommand.class);
        require("A payment transaction has exactly one payment command", commands.size() == 1);
        switch ((PaymentCommand) commands.get(0).value()) {
            case SETTLE -> verifySettle(commands.get(0), tx);
            case SETTLE_NETTED -> verifySettleNetted(commands.get(0), tx);
        }
    }

    private static void verifySettle(Command command, LedgerTransaction tx) {
        require("Settle consumes no payment state", tx.inputStates(PaymentState.class).isEmpty());
        List<PaymentState> payments = tx.outputStates(PaymentState.class);
        require("Settle creates exactly one payment state", payments.size() == 1);
        PaymentState payment = payments.get(0);
        require("The payment amount is positive", payment.amountMinorUnits() > 0);
        require("Payer and payee are different parties", !payment.payer().equals(payment.payee()));
        require("The payee receives exactly the payment amount",
                netCash(tx, payment.payee(), payment.currency()) == payment.amountMinorUnits());
        require("The payer pays exactly the payment amount",
                netCash(tx, payment.payer(), payment.currency()) == -payment.amountMinorUnits());
        require("Payer and payee both sign", command.signers().contains(payment.payer().publicKey())
                && command.signers().contains(payment.payee().publicKey()));
    }

    private static void verifySettleNetted(Command command, LedgerTransaction tx) {
        require("Settle netted consumes no payment state", tx.inputStates(PaymentState.class).isEmpty());
        List<PaymentState> payments = tx.outputStates(PaymentState.class);
        require("Settle netted creates at least one payment state", !payments.isEmpty());
        String currency = payments.get(0).currency();
        require("Settle netted payments share one currency",
                payments.stream().allMatch(payment -> payment.currency().equals(currency)));
        require("Settle netted payments have distinct UETRs",
                payments.stream().map(PaymentState::uetr).distinct().count() == payments.size());
        require("Every payment amount is positive", payments.stream().allMatch(payment -> payment.amountMinorUnits() > 0));
        require("Payer and payee are different parties",
                payments.stream().noneMatch(payment -> payment.payer().equals(payment.payee())));
        Map<Party, Long> netOfPayments = new HashMap<>();
        for (PaymentState payment : payments) {
            netOfPayments.merge(payment.payee(), payment.amountMinorUnits(), Math::addExact);
            netOfPayments.merge(payment.payer(), Math.negateExact(payment.amountMinorUnits()), Math::addExact);
        }
        require("Every party's cash changes by exactly its payments in minus its payments out",
                netOfPayments.entrySet().stream().allMatch(net -> netCash(tx, net.getKey(), currency) == net.getValue())
                        && cashOwners(tx, currency).stream().allMatch(netOfPayments::containsKey));
        require("Every payer and every payee signs", payments.stream().allMatch(payment ->
                command.signers().contains(payment.payer().publicKey())
                        && command.signers().contains(payment.payee().publicKey())));
    }

    /** Everyone who owns cash of that currency in the inputs or outputs. */
    private static Set<Party> cashOwners(LedgerTransaction tx, String currency) {
        Set<Party> owners = new HashSet<>();
        for (CashState cash : tx.outputStates(CashState.class)) {
            if (cash.currency().equals(currency)) {
                owners.add(cash.owner());
            }
        }
        for (CashState cash : tx.inputStates(CashState.class)) {
            if (cash.currency().equals(currency)) {
                owners.add(cash.owner());
            }
        }
        return owners;
    }

    /** Cash of that currency the party owns in the outputs minus what it owned in the inputs. */
    private static long netCash(LedgerTransaction tx, Party party, String currency) {
        long net = 0;
        for (CashState cash : tx.outputStates(CashState.class)) {
            if (cash.owner().equals(party) && cash.currency().equals(currency)) {
                net = Math.addExact(net, cash.amountMinorUnits());
            }
        }
        for (CashState cash : tx.inputStates(CashState.class)) {
            if (cash.owner().equals(party) && cash.currency().equals(currency)) {
                net = Math.subtractExact(net, cash.amountMinorUnits());
            }
        }
        return net;
    }
}
