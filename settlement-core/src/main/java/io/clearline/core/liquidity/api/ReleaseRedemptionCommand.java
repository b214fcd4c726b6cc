package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The redemption {@code transferId} failed: give its reserved liquidity back; nothing held is a harmless repeat. */
public record ReleaseRedemptionCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, String transferId) {
}
