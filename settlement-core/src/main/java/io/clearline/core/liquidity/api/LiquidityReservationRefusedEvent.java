package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** Nothing was reserved; {@code reason} says why (AM04 when available liquidity is short). */
public record LiquidityReservationRefusedEvent(
        LiquidityAccountId accountId, Uetr uetr, Money amount, Reason reason, Instant refusedAt) {
}
