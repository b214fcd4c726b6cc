package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import java.time.Instant;

/** Nothing was reserved for the redemption {@code transferId}; {@code reason} says why (AM04). */
public record RedemptionReservationRefusedEvent(
        LiquidityAccountId accountId, String transferId, Money amount, Reason reason, Instant refusedAt) {
}
