package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment {@code uetr} settled: its reserved liquidity leaves the balance. A reservation no
 * longer held (already debited or released) is a harmless repeat.
 */
public record DebitReservationCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr) {
}
