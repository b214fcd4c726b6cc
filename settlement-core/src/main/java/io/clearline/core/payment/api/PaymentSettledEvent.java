package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** The payment is final on the ledger: {@code ledgerTransactionId} is the notarised transaction. */
public record PaymentSettledEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references, String ledgerTransactionId,
        Instant settledAt) {
}
