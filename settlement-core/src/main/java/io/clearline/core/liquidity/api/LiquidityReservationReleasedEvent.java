package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

public record LiquidityReservationReleasedEvent(LiquidityAccountId accountId, Uetr uetr, Money amount, Instant releasedAt) {
}
