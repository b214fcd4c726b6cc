package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Thaw a frozen queue and re-examine it at once; a queue not frozen stays as it is. */
public record ThawQueueCommand(@TargetAggregateIdentifier LiquidityAccountId accountId) {
}
