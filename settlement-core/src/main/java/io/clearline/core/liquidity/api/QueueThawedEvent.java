package io.clearline.core.liquidity.api;

import java.time.Instant;

public record QueueThawedEvent(LiquidityAccountId accountId, Instant thawedAt) {
}
