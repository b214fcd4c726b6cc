package io.clearline.core.lsm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.lsm.api.DecideGridlockRunCommand;
import io.clearline.core.lsm.api.GridlockRunDecidedEvent;
import io.clearline.core.lsm.api.GridlockRunDecision;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunProgress;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.GridlockRunSubmittedEvent;
import io.clearline.core.lsm.api.ReadGridlockRunProgressCommand;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import io.clearline.core.lsm.api.StartGridlockRunCommand;
import io.clearline.core.lsm.api.SubmitGridlockRunCommand;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One gridlock run in the event store, so every run can be replayed, audited and shown, and a run the
 * node left unfinished can be completed. A run that settles anything goes started, (submitted to the
 * ledger,) decided, recorded; one that found nothing is only recorded. The run is where the runner and
 * recovery agree: the first decision holds, and a run submitted to the ledger is decided by the
 * ledger's answer alone, so neither can give reservations back that the ledger may have settled.
 */
public class GridlockRun {
    @AggregateIdentifier
    private String runId;
    /** Null for a run recorded only at its end. */
    private GridlockRunStartedEvent started;
    private boolean submitted;
    private GridlockRunDecision decision;
    private boolean finished;

    protected GridlockRun() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(StartGridlockRunCommand command) {
        if (runId != null) {
            if (!command.started().equals(started)) {
                throw new IllegalStateException("gridlock run " + runId + " already exists and started otherwise");
            }
            return;
        }
        apply(command.started());
    }

    @CommandHandler
    GridlockRunDecision handle(SubmitGridlockRunCommand command) {
        requireStarted("submitted");
        if (decision != null) {
            return decision;
        }
        if (!submitted) {
            apply(new GridlockRunSubmittedEvent(runId, now()));
        }
        return null;
    }

    @CommandHandler
    GridlockRunDecision handle(DecideGridlockRunCommand command) {
        requireStarted("decided");
        if (decision != null) {
            return decision;
        }
        if (command.ledgerAnswered() && !submitted) {
            throw new IllegalStateException("gridlock run " + runId + " has a ledger answer but was never submitted");
        }
        if (submitted && !command.ledgerAnswered()) {
            throw new IllegalStateException("gridlock run " + runId
                    + " was submitted to the ledger: only the ledger's answer decides it");
        }
        if (command.decision().outcome() == GridlockRunOutcome.SETTLED && !command.ledgerAnswered()) {
            throw new IllegalStateException("gridlock run " + runId + " settles only on the ledger's answer");
        }
        apply(new GridlockRunDecidedEvent(runId, command.decision(), now()));
        return command.decision();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RecordGridlockRunCommand command) {
        if (finished) {
            return;
        }
        GridlockRunRecordedEvent run = command.run();
        if (started != null && (decision == null || decision.outcome() != run.outcome()
                || !Objects.equals(decision.ledgerTransactionId(), run.ledgerTransactionId()))) {
            throw new IllegalStateException("gridlock run " + runId + " ends " + run.outcome() + " in "
                    + run.ledgerTransactionId() + ", against its decision " + decision);
        }
        apply(run);
    }

    /** The run's progress; no event. */
    @CommandHandler
    GridlockRunProgress handle(ReadGridlockRunProgressCommand command) {
        return new GridlockRunProgress(started, submitted, decision, finished);
    }

    private void requireStarted(String what) {
        if (started == null) {
            throw new IllegalStateException("gridlock run " + runId + " never started durably, so it is never "
                    + what);
        }
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(GridlockRunStartedEvent event) {
        runId = event.runId();
        started = event;
    }

    @EventSourcingHandler
    void on(GridlockRunSubmittedEvent event) {
        submitted = true;
    }

    @EventSourcingHandler
    void on(GridlockRunDecidedEvent event) {
        decision = event.decision();
    }

    @EventSourcingHandler
    void on(GridlockRunRecordedEvent event) {
        runId = event.runId();
        finished = true;
    }
}
