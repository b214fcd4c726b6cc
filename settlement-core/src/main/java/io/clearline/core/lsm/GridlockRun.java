package io.clearline.core.lsm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** One gridlock run's record in the event store, so every run can be replayed, audited and shown. */
public class GridlockRun {
    @AggregateIdentifier
    private String runId;

    protected GridlockRun() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordGridlockRunCommand command) {
        if (runId != null) {
            return;
        }
        apply(command.run());
    }

    @EventSourcingHandler
    void on(GridlockRunRecordedEvent event) {
        runId = event.runId();
    }
}
