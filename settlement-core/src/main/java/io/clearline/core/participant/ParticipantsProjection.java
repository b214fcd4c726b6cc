package io.clearline.core.participant;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.participant.api.FindParticipantQuery;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantRemovedEvent;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import io.clearline.core.participant.api.ParticipantView;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/** Admitted participants ordered by BIC with their status, in memory; a replay rebuilds the same map. */
@ProcessingGroup(ProcessingGroups.PARTICIPANTS_PROJECTION)
public class ParticipantsProjection {

    private final ConcurrentSkipListMap<String, ParticipantView> participants = new ConcurrentSkipListMap<>();

    @EventHandler
    void on(ParticipantAdmittedEvent event, QueryUpdateEmitter updates) {
        ParticipantView admitted =
                new ParticipantView(event.bic(), event.name(), ParticipantStatus.ACTIVE, event.admittedAt());
        participants.put(event.bic().value(), admitted);
        updates.emit(FindParticipantQuery.class, query -> query.bic().equals(event.bic()), admitted);
    }

    @EventHandler
    void on(ParticipantSuspendedEvent event) {
        changeStatus(event.bic(), ParticipantStatus.SUSPENDED);
    }

    @EventHandler
    void on(ParticipantReactivatedEvent event) {
        changeStatus(event.bic(), ParticipantStatus.ACTIVE);
    }

    @EventHandler
    void on(ParticipantRemovedEvent event) {
        changeStatus(event.bic(), ParticipantStatus.REMOVED);
    }

    private void changeStatus(Bic bic, ParticipantStatus status) {
        participants.computeIfPresent(bic.value(), (key, old) ->
                new ParticipantView(old.bic(), old.name(), status, old.admittedAt()));
    }

    /** {@code null} (not an empty result) when unknown, so that a subscriber can tell "not yet". */
    @QueryHandler
    ParticipantView handle(FindParticipantQuery query) {
        return participants.get(query.bic().value());
    }

    @QueryHandler
    List<ParticipantView> handle(ListParticipantsQuery query) {
        return List.copyOf(participants.values());
    }

    @ResetHandler
    void reset() {
        participants.clear();
    }
}
