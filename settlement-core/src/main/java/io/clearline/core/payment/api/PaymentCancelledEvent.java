package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** The payment was taken out of the queue and will not settle; nothing moved. */
public record PaymentCancelledEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references, Reason reason,
        Instant cancelledAt) {
}
