package io.clearline.core.participant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.common.api.Bic;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.ParticipantNotActiveException;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantRemovedEvent;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import io.clearline.core.participant.api.ReactivateParticipantCommand;
import io.clearline.core.participant.api.RemoveParticipantCommand;
import io.clearline.core.participant.api.SuspendParticipantCommand;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A bank admitted to the network, keyed by its BIC: active, suspended, or removed for good. */
public class Participant {

    @AggregateIdentifier
    private Bic bic;
    private ParticipantStatus status;
    private String suspensionReason;

    /** Axon rebuilds the aggregate from its events. */
    protected Participant() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AdmitParticipantCommand command) {
        if (status == ParticipantStatus.REMOVED) {
            throw new IllegalStateException(bic + " was removed from the network; its BIC cannot be admitted again");
        }
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
        // Loading this aggregate is the first check: a BIC never admitted fails with AggregateNotFoundException.
        if (status != ParticipantStatus.ACTIVE) {
            throw new ParticipantNotActiveException(bic, status, status == ParticipantStatus.SUSPENDED
                    ? "suspended by the operator: " + suspensionReason : "removed from the network");
        }
    }

    @CommandHandler
    void handle(SuspendParticipantCommand command) {
        if (status == ParticipantStatus.SUSPENDED) {
            return;
        }
        requireNotRemoved("suspend");
        apply(new ParticipantSuspendedEvent(bic, command.reason(), GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(ReactivateParticipantCommand command) {
        if (status == ParticipantStatus.ACTIVE) {
            return;
        }
        requireNotRemoved("reactivate");
        apply(new ParticipantReactivatedEvent(bic, GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(RemoveParticipantCommand command) {
        if (status == ParticipantStatus.REMOVED) {
            return;
        }
        if (status != ParticipantStatus.SUSPENDED) {
            throw new IllegalStateException("only a suspended participant can be removed: " + bic + " is " + status);
        }
        apply(new ParticipantRemovedEvent(bic, GenericEventMessage.clock.instant()));
    }

    private void requireNotRemoved(String step) {
        if (status == ParticipantStatus.REMOVED) {
            throw new IllegalStateException("cannot " + step + " " + bic + ": it was removed from the network");
        }
    }

    @EventSourcingHandler
    void on(ParticipantAdmittedEvent event) {
        bic = event.bic();
        status = ParticipantStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(ParticipantSuspendedEvent event) {
        status = ParticipantStatus.SUSPENDED;
        suspensionReason = event.reason();
    }

    @EventSourcingHandler
    void on(ParticipantReactivatedEvent event) {
        status = ParticipantStatus.ACTIVE;
        suspensionReason = null;
    }

    @EventSourcingHandler
    void on(ParticipantRemovedEvent event) {
        status = ParticipantStatus.REMOVED;
    }
}
