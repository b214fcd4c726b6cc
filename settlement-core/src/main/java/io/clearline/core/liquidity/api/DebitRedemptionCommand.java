package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The ledger redeemed the cash of {@code transferId} in {@code ledgerTransactionId}: its reserved
 * liquidity leaves the balance. Answered by {@link LiquidityRedeemedEvent}; a redemption no longer
 * held (already debited or released) is a harmless repeat.
 */
public record DebitRedemptionCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, String transferId, String ledgerTransactionId) {
}
