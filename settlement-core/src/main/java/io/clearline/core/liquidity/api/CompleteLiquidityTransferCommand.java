package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ledger issued the cash of the transfer in {@code ledgerTransactionId}. */
public record CompleteLiquidityTransferCommand(@TargetAggregateIdentifier String transferId, String ledgerTransactionId) {
}
