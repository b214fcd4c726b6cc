package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;

/** One payment waiting in a payer's queue; a held one keeps its place but is not settled. */
public record QueuedPaymentView(Uetr uetr, Money amount, PaymentPriority priority, boolean held, Instant queuedAt) {
}
