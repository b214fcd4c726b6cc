package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/**
 * The payment is final on the ledger: {@code ledgerTransactionId} is the notarised transaction.
 * {@code gridlockRunId} names the gridlock run that settled it with others, and is null for a payment
 * settled on its own (and in events recorded before gridlock runs existed).
 */
public record PaymentSettledEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references, String ledgerTransactionId,
        Instant settledAt, String gridlockRunId) {

    /** A payment settled on its own. */
    public PaymentSettledEvent(Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references,
                               String ledgerTransactionId, Instant settledAt) {
        this(uetr, payer, payee, amount, references, ledgerTransactionId, settledAt, null);
    }
}
