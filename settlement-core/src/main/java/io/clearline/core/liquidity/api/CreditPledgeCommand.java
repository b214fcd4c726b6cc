package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ledger cash {@code ledgerTransactionId} was issued for the pledge {@code transferId}: the
 * account's balance grows. Answered by {@link LiquidityPledgedEvent}. Keyed by transfer id.
 */
public record CreditPledgeCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, String transferId, Money amount,
        String ledgerTransactionId) {
}
