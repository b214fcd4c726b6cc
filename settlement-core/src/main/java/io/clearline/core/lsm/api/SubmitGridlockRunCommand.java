package io.clearline.core.lsm.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that the run is about to ask the ledger ({@link GridlockRunSubmittedEvent}). Answered with
 * null when the caller may ask the ledger, or with the {@link GridlockRunDecision} already in force
 * (the caller then carries that out and must not ask the ledger). Submitting again changes nothing.
 * Fails for a run that never started.
 */
public record SubmitGridlockRunCommand(@TargetAggregateIdentifier String runId) {
    public SubmitGridlockRunCommand {
        Objects.requireNonNull(runId, "runId");
    }
}
