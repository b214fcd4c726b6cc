package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Reason;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ledger refused to issue the cash, or kept failing: nothing was issued. */
public record FailLiquidityTransferCommand(@TargetAggregateIdentifier String transferId, Reason reason) {
}
