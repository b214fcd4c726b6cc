package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.ReasonCode;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.runtime.FlowCodec;
import io.clearline.flows.runtime.FlowContext;
import io.clearline.flows.runtime.FlowSession;
import io.clearline.flows.runtime.Responder;
import java.time.Duration;
import java.util.List;

/**
 * The payee's side of {@link SettlePaymentFlow}, started by the payer's session: receives the payment
 * transaction (signed by the payer) and what the payer says it pays, checks that the payer on the
 * session is the payer of the proposal and the payee is this party, runs the payee's own checks
 * ({@link PaymentResponder}), and sends back its signature. A refusal fails this flow, and its message
 * reaches the payer's receive.
 */
final class PayeeSignatureResponder implements Responder {
    /** How long the payee waits for the transaction after the session opened: it is sent with the opening. */
    static final Duration TRANSACTION_WAIT_MAX = Duration.ofSeconds(30);

    private final PaymentResponder checks;
    private final FlowCodec<SignatureRequest> requestCodec;

    /** What the payer sends: the transaction it signed and the payment it says the transaction is. */
    record SignatureRequest(SignedTransaction transaction, PaymentProposal proposal) {
    }

    PayeeSignatureResponder(PaymentResponder checks, FlowCodec<SignatureRequest> requestCodec) {
        this.checks = checks;
        this.requestCodec = requestCodec;
    }

    @Override
    public void respond(FlowContext context, FlowSession session) throws InterruptedException {
        SignatureRequest request = session.receive(requestCodec, TRANSACTION_WAIT_MAX, received -> {
            PaymentProposal asked = received.proposal();
            if (!asked.payer().name().equals(session.counterparty()) || !asked.payee().name().equals(session.localParty())) {
                throw refusal(ReasonCode.NARR, "payee " + session.localParty() + " refused: the session is from "
                        + session.counterparty() + " to " + session.localParty() + ", the payment from "
                        + asked.payer().name() + " to " + asked.payee().name());
            }
        });
        session.send(SIGNATURE, checks.checkAndSign(request.transaction(), request.proposal()));
    }

    /** A request as (transaction, UETR, payer, payee, amount in minor units, currency); parties by name. */
    static FlowCodec<SignatureRequest> requestCodec(LedgerCodecs codecs, IdentityService identities) {
        return FlowCodec.STRINGS.map(request -> List.of(codecs.serialize(request.transaction()),
                        request.proposal().uetr(), request.proposal().payer().name(), request.proposal().payee().name(),
                        Long.toString(request.proposal().amountMinorUnits()), request.proposal().currency()),
                fields -> new SignatureRequest(codecs.deserialize(fields.get(0)), new PaymentProposal(fields.get(1),
                        SettlePaymentFlow.party(identities, fields.get(2)), SettlePaymentFlow.party(identities,
                        fields.get(3)), Long.parseLong(fields.get(4)), fields.get(5))));
    }

    /** A signature over a transaction id as (key, signature), both base64. */
    static final FlowCodec<TransactionSignature> SIGNATURE = FlowCodec.STRINGS.map(
            signature -> List.of(signature.by().base64(), signature.signatureBase64()),
            fields -> new TransactionSignature(PublicKey.fromBase64(fields.get(0)), fields.get(1)));
}
