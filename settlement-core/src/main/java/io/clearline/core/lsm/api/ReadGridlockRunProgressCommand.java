package io.clearline.core.lsm.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Read-only: answered with the run's {@link GridlockRunProgress}, and no event. A command rather than a
 * query because only the run itself knows its progress at once (a projection may lag behind it);
 * fails with Axon's aggregate-not-found for an unknown run.
 */
public record ReadGridlockRunProgressCommand(@TargetAggregateIdentifier String runId) {
    public ReadGridlockRunProgressCommand {
        Objects.requireNonNull(runId, "runId");
    }
}
