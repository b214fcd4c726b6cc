package io.clearline.core.liquidity.api;

import java.time.Instant;

public record QueueFrozenEvent(LiquidityAccountId accountId, String reason, Instant frozenAt) {
}
