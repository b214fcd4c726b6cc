package io.clearline.adapters.web;

import java.time.Instant;
import java.util.List;

/**
 * The ledger's parked flows and what an operator may do with them, for the workspace. The node
 * implements it (the flows live in the ledger, which this module may not depend on); callers check
 * who may see and act.
 */
public interface FlowOperations {
    /** Parked flows, oldest first, at most {@code max}. */
    List<ParkedFlow> parked(int max);

    /**
     * Runs a parked flow again from its journal.
     *
     * @throws IllegalArgumentException if there is no such flow
     * @throws IllegalStateException if it is not parked
     */
    void retry(String flowId);

    /** Kills a running or parked flow, saying why; false when there is no such flow or it has ended. */
    boolean kill(String flowId, String reason);

    /** A parked flow as operators see it: never its arguments or journal, which may carry business data. */
    record ParkedFlow(String flowId, String flow, int attempts, String lastError, Instant parkedAt) {
    }
}
