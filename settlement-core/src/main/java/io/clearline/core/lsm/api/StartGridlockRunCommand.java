package io.clearline.core.lsm.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that a gridlock run starts, before it reserves anything. The same start again changes
 * nothing; a different start under a run id already used fails.
 */
public record StartGridlockRunCommand(@TargetAggregateIdentifier String runId, GridlockRunStartedEvent started) {
    public StartGridlockRunCommand {
        Objects.requireNonNull(started, "started");
        if (!started.runId().equals(runId)) {
            throw new IllegalArgumentException("run " + started.runId() + " started under id " + runId);
        }
    }
}
