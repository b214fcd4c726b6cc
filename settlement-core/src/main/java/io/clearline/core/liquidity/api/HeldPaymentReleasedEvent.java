package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import java.time.Instant;

public record HeldPaymentReleasedEvent(LiquidityAccountId accountId, Uetr uetr, Instant releasedAt) {
}
