package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lift the multilateral limit. Answered by {@link MultilateralLimitRemovedEvent}, after which the queue
 * is re-examined; without such a limit it changes nothing.
 */
public record RemoveMultilateralLimitCommand(@TargetAggregateIdentifier LiquidityAccountId accountId) {
}
