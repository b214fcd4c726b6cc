package io.clearline.flows.settlement;

import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.TransactionSignature;

/**
 * The payee's side of a payment. In this slice the payer calls it in process; a session over a
 * transport implements the same interface later.
 */
public interface PaymentResponder {
    /**
     * Checks the proposed transaction on the payee's own terms and signs it.
     *
     * @throws LedgerRefusedException when the transaction is not what was asked (NARR, with the reason)
     */
    TransactionSignature checkAndSign(SignedTransaction proposed, PaymentProposal asked);
}
