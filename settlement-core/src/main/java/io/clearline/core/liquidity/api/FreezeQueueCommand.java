package io.clearline.core.liquidity.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Freeze the account's queue (its participant is suspended): queued payments keep their places but
 * none is reserved, a new one queues, and no gridlock run takes any part of the account. Freezing a
 * frozen queue again changes nothing.
 */
public record FreezeQueueCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, String reason) {
    public FreezeQueueCommand {
        Objects.requireNonNull(reason, "reason");
    }
}
