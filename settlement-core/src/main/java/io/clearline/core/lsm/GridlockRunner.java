package io.clearline.core.lsm;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.lsm.api.GridlockAccountPart;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.GridlockRuns;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.QueuedPayment;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StartGridlockRunCommand;
import io.clearline.core.lsm.api.StayQueued;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.QueryGateway;

/**
 * The liquidity-saving mechanism at work: snapshot one currency's accounts, resolve the gridlock
 * ({@link GridlockResolver}), reserve each account's part (each checks it again against its state now),
 * settle the set on the ledger as one netted transaction, then move each account by its net and mark
 * each payment settled, and record the run. Gross settlement of new payments goes on meanwhile: the
 * snapshot is read account by account, and only what the run reserves is taken out of the queues.
 *
 * <p>The run is durable: it is started on its {@link GridlockRun} (with every account's part) before
 * anything is reserved, submitted before the ledger is asked, and decided before any account books or
 * gives back its part, so a run the node leaves unfinished is completed by {@link GridlockRunRecovery}.
 *
 * <p>Failures: a refused reservation or a ledger refusal aborts the run, releasing every reservation
 * so each payment returns to its place in the queue. A ledger that does not answer (faults, timeout)
 * leaves the run unfinished with its reservations held, since the ledger may have settled it: the
 * call then fails, and recovery asks the ledger again later.
 */
public final class GridlockRunner implements GridlockRuns {
    /** How long a caller waits for a run in progress before it is refused. */
    public static final Duration RUN_WAIT_MAX = Duration.ofSeconds(30);
    /** Calls to the ledger before the run is left to recovery (refusals are answers, not retried). */
    public static final int LEDGER_ATTEMPTS_MAX = 3;
    /** How long the run waits for the ledger's netted transaction. */
    public static final Duration LEDGER_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration QUERY_WAIT_MAX = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Clock clock;
    private final GridlockRunSteps steps;
    private final ReentrantLock oneRunAtATime = new ReentrantLock();

    public GridlockRunner(CommandGateway commands, QueryGateway queries, LedgerPort ledger, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.steps = new GridlockRunSteps(commands, ledger, clock);
    }

    @Override
    public GridlockRunRecordedEvent run(String currency, ResolutionMode mode, GridlockRunTrigger trigger) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        return whileNoOtherRun(() -> runAlone(currency, mode, trigger)).orElseThrow(() -> new IllegalStateException(
                "a gridlock run is in progress and did not end within " + RUN_WAIT_MAX));
    }

    /**
     * {@code work} alone on this node, with no run in progress; empty when a run in progress did not end
     * within {@link #RUN_WAIT_MAX}. Recovery works under it so that it never completes a run underneath
     * the runner that is still carrying it out.
     */
    <T> Optional<T> whileNoOtherRun(Supplier<T> work) {
        try {
            if (!oneRunAtATime.tryLock(RUN_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gridlock run in progress", e);
        }
        try {
            return Optional.of(work.get());
        } finally {
            oneRunAtATime.unlock();
        }
    }

    /** Like {@link #run}, but a scheduled run on empty queues is not worth a record: answers null then. */
    public GridlockRunRecordedEvent runIfAnythingQueued(String currency, ResolutionMode mode) {
        GridlockInput snapshot = snapshot(currency);
        if (snapshot.queue().stream().noneMatch(payment -> !payment.held())) {
            return null;
        }
        return run(currency, mode, GridlockRunTrigger.SCHEDULE);
    }

    private GridlockRunRecordedEvent runAlone(String currency, ResolutionMode mode, GridlockRunTrigger trigger) {
        String runId = "lsm-" + UUID.randomUUID();
        Instant startedAt = clock.instant();
        GridlockInput snapshot = snapshot(currency);
        GridlockResolution resolution = GridlockResolver.resolve(snapshot, mode);
        List<StayQueued> stayQueued = new ArrayList<>();
        resolution.stayQueuedReasons().forEach((uetr, reason) -> stayQueued.add(new StayQueued(uetr, reason)));
        if (resolution.settledUetrs().isEmpty()) {
            // Nothing is reserved, so there is nothing to recover: the run is recorded only as it ended.
            GridlockRunRecordedEvent nothing = new GridlockRunRecordedEvent(runId, currency, mode,
                    resolution.algorithm(), trigger, GridlockRunOutcome.NOTHING_TO_SETTLE, snapshot.queue().size(),
                    List.of(), Money.zero(currency), null, stayQueued, null, startedAt, clock.instant());
            commands.sendAndWait(new RecordGridlockRunCommand(runId, nothing));
            return nothing;
        }
        Map<Uetr, QueuedPayment> queued = new HashMap<>();
        snapshot.queue().forEach(payment -> queued.put(payment.uetr(), payment));
        List<QueuedPayment> settling = resolution.settledUetrs().stream().map(queued::get).toList();
        GridlockRunStartedEvent started = new GridlockRunStartedEvent(runId, currency, mode, resolution.algorithm(),
                trigger, snapshot.queue().size(), partsByAccount(settling, currency), stayQueued, startedAt);
        commands.sendAndWait(new StartGridlockRunCommand(runId, started));
        GridlockRunRecordedEvent ended = steps.complete(started, false, null);
        if (ended == null) {
            throw new IllegalStateException("gridlock run " + runId + " did not finish (see the log); its "
                    + "reservations hold until recovery completes it");
        }
        return ended;
    }

    /**
     * The accounts of every participant, read one by one. A participant that never held the currency
     * has no account: it joins with nothing, so it can still receive.
     */
    private GridlockInput snapshot(String currency) {
        List<ParticipantView> participants = queries.query(new ListParticipantsQuery(),
                        ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(QUERY_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).join();
        List<ParticipantLiquidity> liquidity = new ArrayList<>();
        List<QueuedPayment> queue = new ArrayList<>();
        java.util.Set<Bic> known = new java.util.HashSet<>();
        participants.forEach(participant -> known.add(participant.bic()));
        for (ParticipantView participant : participants) {
            AccountGridlockView view = readAccount(new LiquidityAccountId(participant.bic(), currency));
            if (view == null) {
                liquidity.add(ParticipantLiquidity.unlimited(participant.bic(), 0));
                continue;
            }
            liquidity.add(view.liquidity());
            // A payment to a bank that is no longer listed cannot settle here; gross settlement decides it.
            view.queue().stream().filter(payment -> known.contains(payment.payee())).forEach(queue::add);
        }
        return new GridlockInput(currency, liquidity, queue);
    }

    private AccountGridlockView readAccount(LiquidityAccountId account) {
        try {
            return commands.sendAndWait(new ReadGridlockViewCommand(account));
        } catch (RuntimeException e) {
            if (isNotFound(e)) {
                return null;
            }
            throw e;
        }
    }

    private static boolean isNotFound(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AggregateNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private record AccountLegs(List<GridlockLeg> outgoing, List<GridlockLeg> incoming) {
    }

    /** Ordered by BIC, so that runs reserve accounts in one order and never wait on each other in a ring. */
    private static List<GridlockAccountPart> partsByAccount(List<QueuedPayment> settling, String currency) {
        Map<Bic, AccountLegs> legs = new TreeMap<>(java.util.Comparator.comparing(Bic::value));
        for (QueuedPayment payment : settling) {
            Money amount = Money.of(payment.amountMinorUnits(), currency);
            legs.computeIfAbsent(payment.payer(), bic -> new AccountLegs(new ArrayList<>(), new ArrayList<>()))
                    .outgoing().add(new GridlockLeg(payment.uetr(), payment.payee(), amount, payment.priority()));
            legs.computeIfAbsent(payment.payee(), bic -> new AccountLegs(new ArrayList<>(), new ArrayList<>()))
                    .incoming().add(new GridlockLeg(payment.uetr(), payment.payer(), amount, payment.priority()));
        }
        List<GridlockAccountPart> parts = new ArrayList<>();
        legs.forEach((bic, account) -> parts.add(new GridlockAccountPart(bic, account.outgoing(), account.incoming())));
        return parts;
    }
}
