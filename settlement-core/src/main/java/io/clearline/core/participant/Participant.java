package io.clearline.core.participant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.common.api.Bic;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A bank admitted to the network, keyed by its BIC. */
public class Participant {

    @AggregateIdentifier
    private Bic bic;

    /** Axon rebuilds the aggregate from its events. */
    protected Participant() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AdmitParticipantCommand command) {
        if (bic != null) {
            // Admission is idempotent: the operator (or the demo) may send it again after a restart.
            return;
        }
        if (command.name() == null || command.name().isBlank()) {
            throw new IllegalArgumentException("a participant needs a name: " + command.bic());
        }
        // Event times come from Axon's event clock so fixtures and the event store agree on them.
        apply(new ParticipantAdmittedEvent(command.bic(), command.name(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(VerifyParticipantAdmittedCommand command) {
        // Loading this aggregate is the check: a BIC never admitted fails with AggregateNotFoundException.
    }

    @EventSourcingHandler
    void on(ParticipantAdmittedEvent event) {
        bic = event.bic();
    }
}
