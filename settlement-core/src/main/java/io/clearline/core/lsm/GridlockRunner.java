package io.clearline.core.lsm;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.LedgerAttempts;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.liquidity.api.ReleaseGridlockCommand;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.liquidity.api.SettleGridlockCommand;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.GridlockRuns;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.QueuedPayment;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StayQueued;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.payment.api.SettleInGridlockCommand;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Failures: a refused reservation or ledger settlement aborts the run, releasing every reservation
 * so each payment returns to its place in the queue. WARNING: the run lives in this process; a node
 * that dies between reserving and settling leaves the reservations until an operator releases them
 * (a durable run is the flows issue's work).
 */
public final class GridlockRunner implements GridlockRuns {
    private static final System.Logger LOG = System.getLogger(GridlockRunner.class.getName());

    /** How long a caller waits for a run in progress before it is refused. */
    public static final Duration RUN_WAIT_MAX = Duration.ofSeconds(30);
    /** Calls to the ledger before the run is aborted (refusals are not retried). */
    public static final int LEDGER_ATTEMPTS_MAX = 3;
    /** How long the run waits for the ledger's netted transaction. */
    public static final Duration LEDGER_WAIT_MAX = Duration.ofSeconds(60);
    private static final Duration QUERY_WAIT_MAX = Duration.ofSeconds(10);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final LedgerPort ledger;
    private final Clock clock;
    private final ReentrantLock oneRunAtATime = new ReentrantLock();

    public GridlockRunner(CommandGateway commands, QueryGateway queries, LedgerPort ledger, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public GridlockRunRecordedEvent run(String currency, ResolutionMode mode, GridlockRunTrigger trigger) {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(trigger, "trigger");
        try {
            if (!oneRunAtATime.tryLock(RUN_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("a gridlock run is in progress and did not end within " + RUN_WAIT_MAX);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gridlock run in progress", e);
        }
        try {
            GridlockRunRecordedEvent run = runAlone(currency, mode, trigger);
            commands.sendAndWait(new RecordGridlockRunCommand(run.runId(), run));
            return run;
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
        Record record = new Record(runId, currency, mode, resolution.algorithm(), trigger, snapshot.queue().size(),
                stayQueued, startedAt);
        if (resolution.settledUetrs().isEmpty()) {
            return record.ended(GridlockRunOutcome.NOTHING_TO_SETTLE, List.of(), Money.zero(currency), null, null,
                    clock.instant());
        }
        Map<Uetr, QueuedPayment> queued = new HashMap<>();
        snapshot.queue().forEach(payment -> queued.put(payment.uetr(), payment));
        List<QueuedPayment> settling = resolution.settledUetrs().stream().map(queued::get).toList();
        Map<Bic, AccountLegs> legs = legsByAccount(settling, currency);
        List<LiquidityAccountId> involved = legs.keySet().stream().map(bic -> new LiquidityAccountId(bic, currency))
                .toList();
        String refused = reserve(runId, currency, legs);
        if (refused != null) {
            release(runId, involved);
            return record.ended(GridlockRunOutcome.ABORTED, List.of(), Money.zero(currency), null, refused,
                    clock.instant());
        }
        LedgerReceipt receipt;
        try {
            receipt = LedgerAttempts.call(() -> ledger.settleNetted(nettedRequest(runId, currency, settling)),
                    LEDGER_ATTEMPTS_MAX).get(LEDGER_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            release(runId, involved);
            return record.ended(GridlockRunOutcome.ABORTED, List.of(), Money.zero(currency), null,
                    "the ledger did not settle the run: " + LedgerAttempts.unwrap(e.getCause() != null ? e.getCause() : e),
                    clock.instant());
        }
        completeAfterLedger(runId, receipt.transactionId(), involved, settling);
        return record.ended(GridlockRunOutcome.SETTLED, resolution.settledUetrs(),
                Money.of(resolution.settledValueMinorUnits(), currency), receipt.transactionId(), null,
                clock.instant());
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
    private static Map<Bic, AccountLegs> legsByAccount(List<QueuedPayment> settling, String currency) {
        Map<Bic, AccountLegs> legs = new TreeMap<>(java.util.Comparator.comparing(Bic::value));
        for (QueuedPayment payment : settling) {
            Money amount = Money.of(payment.amountMinorUnits(), currency);
            legs.computeIfAbsent(payment.payer(), bic -> new AccountLegs(new ArrayList<>(), new ArrayList<>()))
                    .outgoing().add(new GridlockLeg(payment.uetr(), payment.payee(), amount, payment.priority()));
            legs.computeIfAbsent(payment.payee(), bic -> new AccountLegs(new ArrayList<>(), new ArrayList<>()))
                    .incoming().add(new GridlockLeg(payment.uetr(), payment.payer(), amount, payment.priority()));
        }
        return legs;
    }

    /** Null when every account reserved its part; otherwise why the first one refused. */
    private String reserve(String runId, String currency, Map<Bic, AccountLegs> legs) {
        for (Map.Entry<Bic, AccountLegs> account : legs.entrySet()) {
            try {
                commands.sendAndWait(new ReserveForGridlockCommand(new LiquidityAccountId(account.getKey(), currency),
                        runId, account.getValue().outgoing(), account.getValue().incoming()));
            } catch (RuntimeException e) {
                return "the account of " + account.getKey() + " refused its part: " + e.getMessage();
            }
        }
        return null;
    }

    private void release(String runId, List<LiquidityAccountId> involved) {
        for (LiquidityAccountId account : involved) {
            try {
                commands.sendAndWait(new ReleaseGridlockCommand(account, runId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + runId + ": could not release " + account
                        + "; its payments stay out of the queue until an operator acts", e);
            }
        }
    }

    private static NettedSettlementRequest nettedRequest(String runId, String currency, List<QueuedPayment> settling) {
        return new NettedSettlementRequest(runId, currency, settling.stream()
                .map(payment -> new PaymentSettlementRequest(payment.uetr(), payment.payer(), payment.payee(),
                        Money.of(payment.amountMinorUnits(), currency)))
                .toList());
    }

    /**
     * The ledger is final: every step here must happen, so a failure is logged and the others go on;
     * each command is idempotent on the run or the UETR, so an operator may safely send it again.
     */
    private void completeAfterLedger(String runId, String transactionId, List<LiquidityAccountId> involved,
                                     List<QueuedPayment> settling) {
        for (LiquidityAccountId account : involved) {
            try {
                commands.sendAndWait(new SettleGridlockCommand(account, runId, transactionId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + runId + " settled in " + transactionId
                        + " but the account " + account + " was not moved", e);
            }
        }
        for (QueuedPayment payment : settling) {
            try {
                commands.sendAndWait(new SettleInGridlockCommand(payment.uetr(), runId, transactionId));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + runId + " settled " + payment.uetr() + " in "
                        + transactionId + " but the payment was not marked settled", e);
            }
        }
    }

    /** What every ending of a run shares. */
    private record Record(String runId, String currency, ResolutionMode mode, ResolutionAlgorithm algorithm,
                          GridlockRunTrigger trigger, int considered, List<StayQueued> stayQueued, Instant startedAt) {
        GridlockRunRecordedEvent ended(GridlockRunOutcome outcome, List<Uetr> settled, Money value,
                                       String transactionId, String abortReason, Instant finishedAt) {
            return new GridlockRunRecordedEvent(runId, currency, mode, algorithm, trigger, outcome, considered, settled,
                    value, transactionId, stayQueued, abortReason, startedAt, finishedAt);
        }
    }
}
