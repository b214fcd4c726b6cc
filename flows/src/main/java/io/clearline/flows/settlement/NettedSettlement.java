package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.ReasonCode;
import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.ContractViolationException;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.StateResolver;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.ledger.TransactionState;
import io.clearline.flows.ledger.TransactionVerifier;
import io.clearline.flows.ledger.WireTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Payments of one currency settled together in one transaction (what a gridlock run settles): each
 * party pays or receives only its net, so a ring of payments that no bank could start alone settles
 * at once. Every payment gets its payment state; every payer and payee signs, each after its own
 * checks; the net payers' cash is the only input.
 */
final class NettedSettlement {

    /** What every party is asked to sign for; {@code runId} is the idempotency key. */
    record Proposal(String runId, String currency, List<PaymentProposal> payments) {
        Proposal {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(currency, "currency");
            payments = List.copyOf(payments);
            if (payments.isEmpty()) {
                throw new IllegalArgumentException("a netted settlement settles at least one payment");
            }
        }

        /** Each party's payments in minus payments out, in the order parties first appear. */
        Map<Party, Long> nets() {
            Map<Party, Long> nets = new LinkedHashMap<>();
            for (PaymentProposal payment : payments) {
                nets.merge(payment.payer(), Math.negateExact(payment.amountMinorUnits()), Math::addExact);
                nets.merge(payment.payee(), payment.amountMinorUnits(), Math::addExact);
            }
            return nets;
        }
    }

    private NettedSettlement() {
    }

    /**
     * Net payers' cash goes into one pool per issuer, their change back to them; net receivers are paid
     * from the pools. Conservation then holds per currency and issuer, as the cash contract requires.
     *
     * @param cashInputs per net payer, its selected cash covering at least its net outflow
     */
    static WireTransaction build(Proposal proposal, Map<Party, List<StateAndRef>> cashInputs, Party notary) {
        Map<Party, Long> nets = proposal.nets();
        Map<Party, Long> pool = new LinkedHashMap<>();
        List<TransactionState> outputs = new ArrayList<>();
        for (Map.Entry<Party, List<StateAndRef>> payer : cashInputs.entrySet()) {
            CashSplit split = CashSplit.of(payer.getValue(), Math.negateExact(nets.get(payer.getKey())));
            split.paidByIssuer().forEach((issuer, paid) -> pool.merge(issuer, paid, Math::addExact));
            split.changeByIssuer().forEach((issuer, change) ->
                    outputs.add(cash(change, proposal.currency(), issuer, payer.getKey(), notary)));
        }
        for (Map.Entry<Party, Long> receiver : nets.entrySet()) {
            long stillToReceive = Math.max(0, receiver.getValue());
            for (Map.Entry<Party, Long> issuer : pool.entrySet()) {
                long drawn = Math.min(stillToReceive, issuer.getValue());
                if (drawn > 0) {
                    outputs.add(cash(drawn, proposal.currency(), issuer.getKey(), receiver.getKey(), notary));
                    issuer.setValue(issuer.getValue() - drawn);
                    stillToReceive -= drawn;
                }
            }
        }
        for (PaymentProposal payment : proposal.payments()) {
            outputs.add(new TransactionState(new PaymentState(payment.uetr(), payment.payer(), payment.payee(),
                    payment.amountMinorUnits(), payment.currency()), PaymentContract.NAME, notary));
        }
        List<StateAndRef> inputs = cashInputs.values().stream().flatMap(List::stream).toList();
        List<Command> commands = new ArrayList<>();
        if (!inputs.isEmpty()) {
            // A ring whose nets are all zero moves no cash: then there is no cash command either.
            commands.add(new Command(CashCommand.MOVE, cashInputs.keySet().stream().map(Party::publicKey).toList()));
        }
        commands.add(new Command(PaymentCommand.SETTLE_NETTED, nets.keySet().stream().map(Party::publicKey).toList()));
        return new WireTransaction(inputs.stream().map(StateAndRef::ref).toList(), outputs, commands, notary, null,
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
    }

    private static TransactionState cash(long amount, String currency, Party issuer, Party owner, Party notary) {
        return new TransactionState(new CashState(amount, currency, issuer, owner), CashContract.NAME, notary);
    }

    /**
     * One party's checks before it signs: the contracts accept the transaction, and its payment states
     * are exactly the payments of the run, no more and no fewer. Its own net then follows from the
     * contract. It never signs on the initiator's word.
     */
    static final class Responder {
        private final IdentityService identities;
        private final TransactionVerifier verifier;
        private final StateResolver resolver;

        Responder(IdentityService identities, TransactionVerifier verifier, StateResolver resolver) {
            this.identities = identities;
            this.verifier = verifier;
            this.resolver = resolver;
        }

        TransactionSignature checkAndSign(SignedTransaction proposed, Proposal asked, Party signer) {
            String refusedBy = signer + " refused netted transaction " + proposed.id() + ": ";
            try {
                LedgerTransaction tx = verifier.resolve(proposed, resolver);
                verifier.verifyContracts(tx);
                Set<PaymentState> expected = new HashSet<>();
                for (PaymentProposal payment : asked.payments()) {
                    expected.add(new PaymentState(payment.uetr(), payment.payer(), payment.payee(),
                            payment.amountMinorUnits(), payment.currency()));
                }
                List<PaymentState> settled = tx.outputStates(PaymentState.class);
                if (settled.size() != expected.size() || !expected.containsAll(settled)) {
                    throw refusal(ReasonCode.NARR, refusedBy + "its payments are not the run's " + asked.runId());
                }
            } catch (ContractViolationException e) {
                throw refusal(ReasonCode.NARR, refusedBy + e.rule());
            }
            return identities.sign(signer, proposed.id());
        }
    }
}
