package io.clearline.core.lsm.api;

import java.time.Instant;
import java.util.Objects;

/** The run's outcome is decided, before any account books or gives back its part. */
public record GridlockRunDecidedEvent(String runId, GridlockRunDecision decision, Instant decidedAt) {
    public GridlockRunDecidedEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(decision, "decision");
    }
}
