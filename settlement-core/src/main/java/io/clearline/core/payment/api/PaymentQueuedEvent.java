package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;

/** The payment waits in its payer's queue; {@code reason} says why it could not settle at once. */
public record PaymentQueuedEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentPriority priority, Reason reason, Instant queuedAt) {
}
