package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import java.time.Instant;

/** {@code amount} is held for the redemption {@code transferId}: reserved grew, available fell. */
public record RedemptionReservedEvent(LiquidityAccountId accountId, String transferId, Money amount, Instant reservedAt) {
}
