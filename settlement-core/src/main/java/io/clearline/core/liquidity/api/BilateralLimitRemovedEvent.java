package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import java.time.Instant;

public record BilateralLimitRemovedEvent(LiquidityAccountId accountId, Bic counterparty, Instant removedAt) {
}
