package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One gridlock run, as it ended: which mode and algorithm chose the payments, which settled (in which
 * ledger transaction), and why each other queued payment stayed queued.
 *
 * @param ledgerTransactionId the multilateral transaction; null unless {@code outcome} is SETTLED
 * @param abortReason why the run was aborted; null unless {@code outcome} is ABORTED
 * @param considered how many queued payments (held ones included) the snapshot held
 */
public record GridlockRunRecordedEvent(
        String runId, String currency, ResolutionMode mode, ResolutionAlgorithm algorithm, GridlockRunTrigger trigger,
        GridlockRunOutcome outcome, int considered, List<Uetr> settledUetrs, Money settledValue,
        String ledgerTransactionId, List<StayQueued> stayQueued, String abortReason, Instant startedAt,
        Instant finishedAt) {

    public GridlockRunRecordedEvent {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(outcome, "outcome");
        settledUetrs = List.copyOf(settledUetrs);
        stayQueued = List.copyOf(stayQueued);
    }
}
