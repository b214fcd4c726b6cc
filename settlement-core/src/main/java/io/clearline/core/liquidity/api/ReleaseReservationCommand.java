package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Give the liquidity held for {@code uetr} back; a reservation no longer held is a harmless repeat. */
public record ReleaseReservationCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr) {
}
