package io.clearline.core.liquidity.api;

import java.time.Instant;

public record MultilateralLimitRemovedEvent(LiquidityAccountId accountId, Instant removedAt) {
}
