package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.ReasonCode;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.VaultEntry;
import io.clearline.flows.ledger.WireTransaction;
import io.clearline.flows.runtime.Flow;
import io.clearline.flows.runtime.FlowCodec;
import io.clearline.flows.runtime.FlowContext;
import io.clearline.flows.runtime.FlowDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Settles one payment as a durable flow under the id {@code payment:<UETR>}. Its suspending calls,
 * journaled in this order: whether the UETR is settled already (or left pending by an earlier run that
 * was killed or failed after phase one, which is then finished rather than built again); the payer's cash, selected and
 * soft-locked; the privacy salt; a session to the payee opened, the transaction signed by the payer sent
 * on it, and the payee's signature received ({@link PayeeSignatureResponder} answers at the payee); the
 * notary's signature and time. Finality is two-phase ({@link SettlementFlows#finality}): the signed transaction is recorded
 * pending at payer, payee and regulator before the notary sees it, and finalised (or, on a notary
 * conflict, deleted) everywhere after. Both recordings are idempotent, so a flow that died anywhere
 * finishes, when it resumes, the very transaction it signed, never a second.
 *
 * @see SettlementFlows#settlePayment for its refusals
 */
final class SettlePaymentFlow implements Flow<String> {
    private final SettlementFlows flows;
    private final PaymentProposal proposal;

    SettlePaymentFlow(SettlementFlows flows, PaymentProposal proposal) {
        this.flows = flows;
        this.proposal = proposal;
    }

    static String flowId(String uetr) {
        return "payment:" + uetr;
    }

    /** Stores the proposal by party names; a restart finds the parties again in the identity service. */
    static FlowDefinition<SettlePaymentFlow, String> definition(SettlementFlows flows, IdentityService identities) {
        FlowCodec<SettlePaymentFlow> arguments = FlowCodec.STRINGS.map(
                flow -> List.of(flow.proposal.uetr(), flow.proposal.payer().name(), flow.proposal.payee().name(),
                        Long.toString(flow.proposal.amountMinorUnits()), flow.proposal.currency()),
                fields -> new SettlePaymentFlow(flows, new PaymentProposal(fields.get(0), party(identities, fields.get(1)),
                        party(identities, fields.get(2)), Long.parseLong(fields.get(3)), fields.get(4))));
        return new FlowDefinition<>(SettlePaymentFlow.class, arguments, FlowCodec.STRING);
    }

    @Override
    public String call(FlowContext context) throws InterruptedException {
        // A run after a kill (or a failure) after phase one of finality finishes the transaction it left
        // pending, which the notary may have committed, rather than build a second one for the same payment.
        Optional<String> settled = context.await("already-settled", FlowCodec.OPTIONAL_STRING,
                () -> flows.settledOrFinished(proposal, context.flowId()));
        if (settled.isPresent()) {
            return settled.get();
        }
        if (proposal.payer().equals(proposal.payee())) {
            throw refusal(ReasonCode.NARR, "payer and payee are the same party: " + proposal.payer());
        }
        List<VaultEntry> cash = context.lockStates("select-cash", cashCodec(proposal),
                () -> flows.selectCash(proposal.payer(), proposal.currency(), proposal.amountMinorUnits(), "pay",
                        context.softLockId()),
                entries -> entries.stream().map(VaultEntry::ref).toList());
        String privacySalt = context.randomHex(WireTransaction.PRIVACY_SALT_BYTES);
        // Built and signed alike on every run (Ed25519 signatures are deterministic): the payee's signature,
        // journaled as the session's receive, is what makes the transaction this flow's for good.
        SignedTransaction signedByPayer = flows.buildAndSignAsPayer(proposal, cash, privacySalt);
        SignedTransaction signed = flows.collectPayeeSignature(context, signedByPayer, proposal);
        // Phases one and three are idempotent and run again on every replay; phase two is journaled, so a
        // replay finalises with the notary's signature it got (or, if it died before keeping it, asks again).
        flows.finality(signed, List.of(proposal.payer(), proposal.payee()), context.flowId(), SettlementFlows.NO_CLAIMS,
                stx -> context.await("notarised", flows.recordedTransactionCodec(), () -> flows.notarise(stx)));
        return signed.id();
    }

    /** The selected cash as (transaction id, output index, amount) triples; owner, type and currency are the proposal's. */
    private static FlowCodec<List<VaultEntry>> cashCodec(PaymentProposal proposal) {
        return FlowCodec.STRINGS.map(entries -> {
            List<String> fields = new ArrayList<>(entries.size() * 3);
            for (VaultEntry entry : entries) {
                fields.add(entry.ref().transactionId());
                fields.add(Integer.toString(entry.ref().outputIndex()));
                fields.add(Long.toString(entry.amountMinorUnits()));
            }
            return fields;
        }, fields -> {
            if (fields.size() % 3 != 0) {
                throw new IllegalArgumentException("selected cash is journaled in triples, not " + fields.size() + " fields");
            }
            List<VaultEntry> entries = new ArrayList<>(fields.size() / 3);
            for (int i = 0; i < fields.size(); i += 3) {
                entries.add(new VaultEntry(new StateRef(fields.get(i), Integer.parseInt(fields.get(i + 1))),
                        SettlementCodecs.CASH, proposal.payer().name(), proposal.currency(), Long.parseLong(fields.get(i + 2))));
            }
            return entries;
        });
    }

    static Party party(IdentityService identities, String name) {
        return identities.find(name).orElseThrow(() -> new IllegalStateException("no ledger identity named " + name));
    }
}
