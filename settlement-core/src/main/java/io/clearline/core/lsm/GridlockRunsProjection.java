package io.clearline.core.lsm;

import io.clearline.core.common.HandledOnce;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import io.clearline.core.lsm.api.ListUnfinishedGridlockRunsQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryHandler;

/**
 * The latest gridlock runs in memory, newest first (older ones stay in the event store only), and the
 * runs started and not yet ended, for recovery.
 */
@ProcessingGroup(ProcessingGroups.GRIDLOCK_RUNS_PROJECTION)
public class GridlockRunsProjection {
    /** Runs kept for queries: a day of runs every half minute, with room to spare. */
    public static final int RUNS_KEPT_MAX = 5_000;

    private final Deque<GridlockRunRecordedEvent> runs = new ArrayDeque<>();
    /**
     * In start order, so oldest first. Not capped: every run here holds reservations until recovery ends
     * it, so dropping one would hide locked liquidity; one node starts one run at a time.
     */
    private final Map<String, GridlockRunStartedEvent> unfinished = new LinkedHashMap<>();
    /**
     * A redelivered batch could otherwise list a run twice.
     */
    private final HandledOnce handledOnce = new HandledOnce();

    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void once(EventMessage<?> event, InterceptorChain chain) throws Exception {
        handledOnce.proceedIfNew(event, chain);
    }

    @EventHandler
    synchronized void on(GridlockRunStartedEvent event) {
        unfinished.put(event.runId(), event);
    }

    @EventHandler
    synchronized void on(GridlockRunRecordedEvent event) {
        unfinished.remove(event.runId());
        runs.addFirst(event);
        if (runs.size() > RUNS_KEPT_MAX) {
            runs.removeLast();
        }
    }

    @QueryHandler
    synchronized List<GridlockRunRecordedEvent> handle(ListGridlockRunsQuery query) {
        List<GridlockRunRecordedEvent> latest = new ArrayList<>(Math.min(query.limit(), runs.size()));
        Iterator<GridlockRunRecordedEvent> newestFirst = runs.iterator();
        while (newestFirst.hasNext() && latest.size() < query.limit()) {
            latest.add(newestFirst.next());
        }
        return latest;
    }

    @QueryHandler
    synchronized List<GridlockRunStartedEvent> handle(ListUnfinishedGridlockRunsQuery query) {
        List<GridlockRunStartedEvent> oldestFirst = new ArrayList<>();
        for (GridlockRunStartedEvent run : unfinished.values()) {
            if (oldestFirst.size() == query.limit()) {
                break;
            }
            if (run.startedAt().isBefore(query.startedBefore())) {
                oldestFirst.add(run);
            }
        }
        return oldestFirst;
    }

    @ResetHandler
    synchronized void reset() {
        handledOnce.forget();
        runs.clear();
        unfinished.clear();
    }
}
