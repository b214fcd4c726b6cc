package io.clearline.core.lsm.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a finished gridlock run, once: the same run id again changes nothing. */
public record RecordGridlockRunCommand(@TargetAggregateIdentifier String runId, GridlockRunRecordedEvent run) {
    public RecordGridlockRunCommand {
        Objects.requireNonNull(run, "run");
        if (!run.runId().equals(runId)) {
            throw new IllegalArgumentException("run " + run.runId() + " recorded under id " + runId);
        }
    }
}
