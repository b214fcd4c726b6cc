package io.clearline.core.liquidity.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Switch FIFO bypass on or off for the account, as in T2: with it on, a payment that is covered and
 * within the limits settles even when earlier payments of its priority wait, and a queued payment
 * that cannot settle no longer blocks the covered ones behind it. Off (the default), the queue is
 * strictly first in, first out within a priority. The same setting again changes nothing.
 */
public record SetFifoBypassCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, boolean enabled) {
}
