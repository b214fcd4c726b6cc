package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cap the account's net outflow of NORMAL payments towards {@code counterparty} at {@code limit}
 * (zero allowed: nothing net may flow out to it). Answered by {@link BilateralLimitSetEvent}; the
 * same limit again changes nothing. Fails with {@link IllegalArgumentException} when the counterparty
 * is the account's own participant or the currency is not the account's. Raising a limit re-examines
 * the queue. Whether the bank or the operator may set it is for the adapters to decide.
 */
public record SetBilateralLimitCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, Bic counterparty, Money limit) {
}
