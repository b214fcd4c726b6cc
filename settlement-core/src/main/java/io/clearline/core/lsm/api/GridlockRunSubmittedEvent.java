package io.clearline.core.lsm.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Every account holds its part of the run and the ledger is being asked to settle it: from here only
 * the ledger's answer decides the run, since the ledger may have settled it whatever the node saw.
 */
public record GridlockRunSubmittedEvent(String runId, Instant submittedAt) {
    public GridlockRunSubmittedEvent {
        Objects.requireNonNull(runId, "runId");
    }
}
