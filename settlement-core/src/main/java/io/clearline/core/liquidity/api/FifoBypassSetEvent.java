package io.clearline.core.liquidity.api;

import java.time.Instant;

public record FifoBypassSetEvent(LiquidityAccountId accountId, boolean enabled, Instant setAt) {
}
