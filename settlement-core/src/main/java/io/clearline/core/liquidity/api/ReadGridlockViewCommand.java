package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Read-only: answered with the account's {@link io.clearline.core.lsm.api.AccountGridlockView}, and no
 * event. A command rather than a query because only the account itself knows its queue's payees,
 * arrival order and limit headroom exactly; fails with Axon's aggregate-not-found when the
 * participant never held this currency.
 */
public record ReadGridlockViewCommand(@TargetAggregateIdentifier LiquidityAccountId accountId) {
}
