package io.clearline.flows.runtime;

/** Where a flow's checkpoint stands. */
public enum FlowStatus {
    /** Running, waiting to retry after a transient failure, or left behind by a crash (resumed at start-up). */
    RUNNABLE,
    /** Returned a result, kept in the checkpoint so that asking again under the same id answers with it. */
    COMPLETED,
    /** Ended with a business refusal; starting the same id again starts afresh. */
    FAILED,
    /** Stopped by an error that needs an operator: retry it (it replays its journal) or kill it. */
    PARKED,
    /** An operator killed it; its soft locks were released and the reason recorded. */
    KILLED;

    boolean isUnfinished() {
        return this == RUNNABLE || this == PARKED;
    }
}
