package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cap the account's net outflow of NORMAL payments towards all participants together at {@code limit}
 * (zero allowed). Answered by {@link MultilateralLimitSetEvent}; the same limit again changes nothing.
 * Fails with {@link IllegalArgumentException} when the currency is not the account's. Raising the limit
 * re-examines the queue.
 */
public record SetMultilateralLimitCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Money limit) {
}
