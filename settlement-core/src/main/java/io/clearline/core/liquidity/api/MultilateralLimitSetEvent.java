package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import java.time.Instant;

public record MultilateralLimitSetEvent(LiquidityAccountId accountId, Money limit, Instant setAt) {
}
