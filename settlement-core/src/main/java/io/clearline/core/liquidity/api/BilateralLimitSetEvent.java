package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

public record BilateralLimitSetEvent(LiquidityAccountId accountId, Bic counterparty, Money limit, Instant setAt) {
}
