package io.clearline.core.liquidity.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gridlock run {@code runId} did not settle: its outgoing payments return to their places in the
 * queue and what it held is available again ({@link GridlockReservationReleasedEvent}). A run the
 * account never reserved, or already released, changes nothing.
 */
public record ReleaseGridlockCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, String runId) {
    public ReleaseGridlockCommand {
        Objects.requireNonNull(runId, "runId");
    }
}
