package io.clearline.core.liquidity.api;

import io.clearline.core.lsm.api.GridlockLeg;
import java.util.List;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reserve the account's part of gridlock run {@code runId}: its {@code outgoing} payments leave the
 * queue and the run holds what they take beyond the {@code incoming} ones it brings. Answered with
 * {@link GridlockReservedEvent}; fails (and changes nothing) when an outgoing payment is no longer
 * queued or is held, when available liquidity plus the incoming legs does not cover the outgoing
 * ones, or when the normal outgoing legs would take the account over a limit. The same run again
 * changes nothing.
 */
public record ReserveForGridlockCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, String runId,
                                        List<GridlockLeg> outgoing, List<GridlockLeg> incoming) {
    public ReserveForGridlockCommand {
        Objects.requireNonNull(runId, "runId");
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
    }
}
