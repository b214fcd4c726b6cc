package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.TransactionState;
import io.clearline.flows.ledger.WireTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Pays the amount to the payee and the rest back to the payer as change, keeping each issuer's
 * cash apart (conservation holds per currency and issuer).
 */
final class HonestPaymentTransactionBuilder implements PaymentTransactionBuilder {
    @Override
    public WireTransaction build(PaymentProposal proposal, List<StateAndRef> cashInputs, Party notary,
                                 String privacySalt) {
        CashSplit split = CashSplit.of(cashInputs, proposal.amountMinorUnits());
        List<TransactionState> outputs = new ArrayList<>();
        split.paidByIssuer().forEach((issuer, amount) ->
                outputs.add(cash(amount, proposal, issuer, proposal.payee(), notary)));
        split.changeByIssuer().forEach((issuer, amount) ->
                outputs.add(cash(amount, proposal, issuer, proposal.payer(), notary)));
        outputs.add(new TransactionState(new PaymentState(proposal.uetr(), proposal.payer(), proposal.payee(),
                proposal.amountMinorUnits(), proposal.currency()), PaymentContract.NAME, notary));
        List<Command> commands = List.of(
                new Command(CashCommand.MOVE, List.of(proposal.payer().publicKey())),
                new Command(PaymentCommand.SETTLE, List.of(proposal.payer().publicKey(), proposal.payee().publicKey())));
        return new WireTransaction(cashInputs.stream().map(StateAndRef::ref).toList(), outputs, commands, notary,
                null, privacySalt);
    }

    private static TransactionState cash(long amount, PaymentProposal proposal, Party issuer, Party owner, Party notary) {
        return new TransactionState(new CashState(amount, proposal.currency(), issuer, owner), CashContract.NAME, notary);
    }
}
