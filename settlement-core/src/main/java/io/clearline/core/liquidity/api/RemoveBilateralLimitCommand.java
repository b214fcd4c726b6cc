package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lift the bilateral limit towards {@code counterparty}: NORMAL payments to it are then limited only
 * by the multilateral limit. Answered by {@link BilateralLimitRemovedEvent}, after which the queue is
 * re-examined; without such a limit it changes nothing.
 */
public record RemoveBilateralLimitCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Bic counterparty) {
}
