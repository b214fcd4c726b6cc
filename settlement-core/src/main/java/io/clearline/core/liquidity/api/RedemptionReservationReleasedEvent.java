package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import java.time.Instant;

/** The liquidity held for the failed redemption {@code transferId} is available again. */
public record RedemptionReservationReleasedEvent(
        LiquidityAccountId accountId, String transferId, Money amount, Instant releasedAt) {
}
