package io.clearline.core.lsm;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;

/** The latest gridlock runs in memory, newest first; older ones stay in the event store only. */
@ProcessingGroup(ProcessingGroups.GRIDLOCK_RUNS_PROJECTION)
public class GridlockRunsProjection {
    /** Runs kept for queries: a day of runs every half minute, with room to spare. */
    public static final int RUNS_KEPT_MAX = 5_000;

    private final Deque<GridlockRunRecordedEvent> runs = new ArrayDeque<>();

    @EventHandler
    synchronized void on(GridlockRunRecordedEvent event) {
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

    @ResetHandler
    synchronized void reset() {
        runs.clear();
    }
}
