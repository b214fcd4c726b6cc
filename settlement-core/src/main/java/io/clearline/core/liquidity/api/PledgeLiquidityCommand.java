package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The central bank debits the participant's reserve account by {@code amount} and issues the same
 * amount of ledger cash to it. Keyed by {@code transferId}: the same id again is a harmless repeat,
 * so an operator (or the demo's opening balances) can resend it safely.
 */
public record PledgeLiquidityCommand(@TargetAggregateIdentifier String transferId, Bic participant, Money amount) {
}
