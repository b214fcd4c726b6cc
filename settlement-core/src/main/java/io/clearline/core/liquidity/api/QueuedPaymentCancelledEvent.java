package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** The payment left the queue without settling; nothing had been reserved for it. */
public record QueuedPaymentCancelledEvent(
        LiquidityAccountId accountId, Uetr uetr, Money amount, Reason reason, Instant cancelledAt) {
}
