package io.clearline.core.lsm.api;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A gridlock run chose what to settle and is about to reserve it: recorded before any account
 * reserves, so that a run the node leaves unfinished can be found and completed by
 * {@code GridlockRunRecovery}. Its {@link GridlockRunRecordedEvent} follows once the run has ended.
 *
 * @param parts one per account the run reserves on, ordered by BIC (the order runs reserve in)
 * @param considered how many queued payments (held ones included) the snapshot held
 */
public record GridlockRunStartedEvent(
        String runId, String currency, ResolutionMode mode, ResolutionAlgorithm algorithm, GridlockRunTrigger trigger,
        int considered, List<GridlockAccountPart> parts, List<StayQueued> stayQueued, Instant startedAt) {

    public GridlockRunStartedEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(startedAt, "startedAt");
        parts = List.copyOf(parts);
        stayQueued = List.copyOf(stayQueued);
        if (parts.size() < 2) {
            throw new IllegalArgumentException("a gridlock run settles between at least two accounts, not "
                    + parts.size());
        }
    }
}
