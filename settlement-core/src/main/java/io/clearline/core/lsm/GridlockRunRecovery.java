package io.clearline.core.lsm;

import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.lsm.api.GridlockRunProgress;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.ListUnfinishedGridlockRunsQuery;
import io.clearline.core.lsm.api.ReadGridlockRunProgressCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Completes gridlock runs a node left unfinished (it stopped, or the ledger did not answer), so that
 * their reservations never lock liquidity and payments for good. A run started at least
 * {@code unfinishedAgeMin} ago and not recorded as ended is taken up where it stopped: an undecided run
 * has its parts reserved again where they are missing and the ledger asked again with the same run id
 * (idempotent: it answers with the transaction that already settled the run, settles it now, or
 * refuses); then every account books its net (settled) or gives its reservation back (refused), and the
 * run is recorded like any other.
 *
 * <p>Usage: call {@link #recoverUnfinishedRuns()} once at start and then on a schedule. Every step is
 * idempotent on the run id, so two passes, or a pass racing a slow run, never move money twice; the
 * pass takes the runner's one-run-at-a-time lock, and the age limit keeps it off runs another node may
 * still be carrying out.
 *
 * <p>Failures: a run whose ledger does not answer, or whose account refuses a step, stays unfinished
 * (logged) for the next pass. WARNING: the runs are found through {@link GridlockRunsProjection}, which
 * replays the event store at start: a pass before it caught up finds fewer runs, and the next pass the rest.
 */
public final class GridlockRunRecovery {
    private static final System.Logger LOG = System.getLogger(GridlockRunRecovery.class.getName());

    /** Runs one pass takes up; the rest wait for the next pass. */
    public static final int RUNS_PER_PASS_MAX = 100;
    /**
     * After this, a pass takes up no further run: while the ledger is down each run waits on it for up
     * to {@link GridlockRunner#LEDGER_WAIT_MAX}, and the pass holds the runner's lock (and its caller's
     * thread) meanwhile.
     */
    public static final Duration PASS_DURATION_MAX = Duration.ofMinutes(2);
    private static final Duration QUERY_WAIT_MAX = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final GridlockRunner runner;
    private final GridlockRunSteps steps;
    private final Duration unfinishedAgeMin;

    /**
     * @param runner the node's runner, whose lock keeps a pass and a run apart
     * @param unfinishedAgeMin how long ago a run must have started to be taken for abandoned; at least
     *                         {@link GridlockRunner#LEDGER_WAIT_MAX}, the longest a live run waits on the ledger
     */
    public GridlockRunRecovery(CommandGateway commands, QueryGateway queries, LedgerPort ledger, Clock clock,
                               GridlockRunner runner, Duration unfinishedAgeMin) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.steps = new GridlockRunSteps(commands, ledger, clock);
        this.unfinishedAgeMin = Objects.requireNonNull(unfinishedAgeMin, "unfinishedAgeMin");
        if (unfinishedAgeMin.compareTo(GridlockRunner.LEDGER_WAIT_MAX) < 0) {
            throw new IllegalArgumentException("unfinishedAgeMin " + unfinishedAgeMin + " is shorter than a live run's "
                    + "wait on the ledger, " + GridlockRunner.LEDGER_WAIT_MAX);
        }
    }

    /**
     * One pass: answers with the records of the runs it completed, oldest first; empty when there were
     * none, or when a run in progress kept the pass waiting longer than {@link GridlockRunner#RUN_WAIT_MAX}.
     */
    public List<GridlockRunRecordedEvent> recoverUnfinishedRuns() {
        return runner.whileNoOtherRun(this::recoverAlone).orElseGet(() -> {
            LOG.log(System.Logger.Level.INFO, "gridlock recovery skipped: a run is in progress");
            return List.of();
        });
    }

    private List<GridlockRunRecordedEvent> recoverAlone() {
        List<GridlockRunStartedEvent> unfinished = queries.query(
                        new ListUnfinishedGridlockRunsQuery(clock.instant().minus(unfinishedAgeMin), RUNS_PER_PASS_MAX),
                        ResponseTypes.multipleInstancesOf(GridlockRunStartedEvent.class))
                .orTimeout(QUERY_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).join();
        List<GridlockRunRecordedEvent> completed = new ArrayList<>();
        Instant passDeadline = clock.instant().plus(PASS_DURATION_MAX);
        for (GridlockRunStartedEvent run : unfinished) {
            if (clock.instant().isAfter(passDeadline)) {
                LOG.log(System.Logger.Level.WARNING, "gridlock recovery pass ended after " + PASS_DURATION_MAX
                        + "; the next pass takes up the runs left");
                break;
            }
            try {
                GridlockRunRecordedEvent record = recover(run);
                if (record != null) {
                    completed.add(record);
                }
            } catch (RuntimeException e) {
                // One run that cannot be completed now must not keep the others locked.
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + run.runId() + " could not be recovered", e);
            }
        }
        return completed;
    }

    private GridlockRunRecordedEvent recover(GridlockRunStartedEvent run) {
        // The run itself, not the projection, says how far it got: the projection may lag behind it.
        GridlockRunProgress progress = commands.sendAndWait(new ReadGridlockRunProgressCommand(run.runId()));
        if (progress.finished()) {
            return null;
        }
        LOG.log(System.Logger.Level.WARNING, "recovering gridlock run " + run.runId() + ", started " + run.startedAt()
                + (progress.decision() != null ? ", decided " + progress.decision().outcome()
                : progress.submitted() ? ", submitted to the ledger" : ", reserving"));
        GridlockRunRecordedEvent record = steps.complete(progress.started(), progress.submitted(), progress.decision());
        if (record != null) {
            LOG.log(System.Logger.Level.WARNING, "recovered gridlock run " + run.runId() + ": " + record.outcome());
        }
        return record;
    }
}
