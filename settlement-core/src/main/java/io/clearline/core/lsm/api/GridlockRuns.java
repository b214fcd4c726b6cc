package io.clearline.core.lsm.api;

/**
 * Runs the liquidity-saving mechanism on one currency's queues now, and answers with the run's record
 * once it has ended (settled, found nothing, or aborted). One run at a time per node: a caller that
 * finds a run in progress waits for it, up to a bound, and is then refused. A run that could not end
 * (the ledger did not answer, or an account was not moved) fails with an {@link IllegalStateException}
 * and keeps its reservations: recovery completes it later.
 */
public interface GridlockRuns {
    GridlockRunRecordedEvent run(String currency, ResolutionMode mode, GridlockRunTrigger trigger);
}
