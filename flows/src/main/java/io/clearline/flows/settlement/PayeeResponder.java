package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.ReasonCode;
import io.clearline.flows.ledger.ContractViolationException;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.LedgerTransaction;
import io.clearline.flows.ledger.SignatureException;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateResolver;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.ledger.TransactionVerifier;
import java.util.List;
import java.util.Set;

/**
 * The payee's own checks before it signs: the payer's signature holds, the contracts accept the
 * transaction, and it is exactly the payment asked for (this payee, this payer, this UETR, this
 * amount). It never signs on the payer's word.
 */
final class PayeeResponder implements PaymentResponder {
    private final IdentityService identities;
    private final TransactionVerifier verifier;
    private final StateResolver resolver;

    PayeeResponder(IdentityService identities, TransactionVerifier verifier, StateResolver resolver) {
        this.identities = identities;
        this.verifier = verifier;
        this.resolver = resolver;
    }

    @Override
    public TransactionSignature checkAndSign(SignedTransaction proposed, PaymentProposal asked) {
        String refusedBy = "payee " + asked.payee() + " refused transaction " + proposed.id() + ": ";
        try {
            verifier.verifySignatures(proposed, Set.of(asked.payee().publicKey(), proposed.tx().notary().publicKey()));
            LedgerTransaction tx = verifier.resolve(proposed, resolver);
            verifier.verifyContracts(tx);
            checkIsThePaymentAsked(tx, asked, refusedBy);
        } catch (SignatureException e) {
            throw refusal(ReasonCode.NARR, refusedBy + e.getMessage());
        } catch (ContractViolationException e) {
            throw refusal(ReasonCode.NARR, refusedBy + e.rule());
        }
        return identities.sign(asked.payee(), proposed.id());
    }

    private static void checkIsThePaymentAsked(LedgerTransaction tx, PaymentProposal asked, String refusedBy) {
        List<PaymentState> payments = tx.outputStates(PaymentState.class);
        if (payments.size() != 1) {
            throw refusal(ReasonCode.NARR, refusedBy + "it does not settle exactly one payment");
        }
        PaymentState payment = payments.get(0);
        if (!payment.payee().equals(asked.payee()) || !payment.payer().equals(asked.payer())) {
            throw refusal(ReasonCode.NARR, refusedBy + "it is not a payment from " + asked.payer() + " to " + asked.payee());
        }
        if (!payment.uetr().equals(asked.uetr())) {
            throw refusal(ReasonCode.NARR, refusedBy + "its UETR " + payment.uetr() + " is not " + asked.uetr());
        }
        if (payment.amountMinorUnits() != asked.amountMinorUnits() || !payment.currency().equals(asked.currency())) {
            throw refusal(ReasonCode.NARR, refusedBy + "it pays " + payment.amountMinorUnits() + " "
                    + payment.currency() + " (minor units), not the " + asked.amountMinorUnits() + " "
                    + asked.currency() + " asked");
        }
    }
}
