package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;

/** {@code available = balance - reserved}; reserved is liquidity held for settlements in flight. */
public record CurrencyPosition(Money balance, Money reserved, Money available) {
}
