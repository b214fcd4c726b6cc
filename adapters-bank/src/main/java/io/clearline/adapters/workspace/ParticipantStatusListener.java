package io.clearline.adapters.workspace;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantRemovedEvent;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the workspace when a participant is admitted or its status changes. It joins the participants
 * projection's processing group for the reason {@link PositionChangeListener} gives: the push follows
 * the projection's own commit, so the page never shows the status before the change.
 */
@Component
@ProcessingGroup(ProcessingGroups.PARTICIPANTS_PROJECTION)
class ParticipantStatusListener {
    private final WorkspaceUpdates updates;

    ParticipantStatusListener(WorkspaceUpdates updates) {
        this.updates = updates;
    }

    @EventHandler
    void on(ParticipantAdmittedEvent event) {
        updates.changedAfterCommit(event.bic());
    }

    @EventHandler
    void on(ParticipantSuspendedEvent event) {
        updates.changedAfterCommit(event.bic());
    }

    @EventHandler
    void on(ParticipantReactivatedEvent event) {
        updates.changedAfterCommit(event.bic());
    }

    @EventHandler
    void on(ParticipantRemovedEvent event) {
        updates.changedAfterCommit(event.bic());
    }
}
