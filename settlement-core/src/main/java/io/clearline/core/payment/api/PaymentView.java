package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.util.List;

/**
 * A payment as the read side knows it; {@code reason} explains a QUEUED, REJECTED or CANCELLED status
 * and is null otherwise; {@code ledgerTransactionId} is null until it settles.
 */
public record PaymentView(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentStatus status, Reason reason,
        String ledgerTransactionId, List<PaymentHistoryEntry> history) {
}
