package io.clearline.adapters.workspace;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the network page that a gridlock run ended, scheduled or on demand. It joins the gridlock
 * runs projection's processing group for the reason {@link PositionChangeListener} gives.
 */
@Component
@ProcessingGroup(ProcessingGroups.GRIDLOCK_RUNS_PROJECTION)
class GridlockRunListener {
    private final WorkspaceUpdates updates;

    GridlockRunListener(WorkspaceUpdates updates) {
        this.updates = updates;
    }

    @EventHandler
    void on(GridlockRunRecordedEvent event) {
        updates.networkChangedAfterCommit();
    }
}
