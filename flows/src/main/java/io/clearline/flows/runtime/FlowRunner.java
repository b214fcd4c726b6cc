package io.clearline.flows.runtime;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs durable flows. Each flow runs under a flow id (its idempotency key) with a checkpoint row in
 * the node's database and a journal of its suspending calls ({@link FlowContext}). If the process
 * dies, {@link #resumeUnfinished()} at the next start runs every RUNNABLE flow again from the start,
 * fed from its journal. Failures go to the {@link FlowHospital}: transient ones are retried with
 * backoff, business outcomes end the flow as FAILED, everything else parks it for an operator, who
 * can {@link #list} flows, {@link #retry} a parked one, or {@link #kill} one.
 *
 * <pre>{@code
 * FlowRunner runner = new FlowRunner(jdbc, softLocks, clock, Executors.newVirtualThreadPerTaskExecutor(),
 *         new FlowHospital(failure -> failure instanceof MyRefusal), FlowRunner.Limits.DEFAULTS);
 * runner.register(new FlowDefinition<>(PayFlow.class, PayFlow.codec(services), FlowCodec.STRING));
 * String transactionId = runner.run("payment:" + uetr, new PayFlow(services, proposal));
 * runner.resumeUnfinished(); // at start-up, once every definition is registered
 * }</pre>
 *
 * <p>Starting an id that is running joins that run; one that completed answers with its stored
 * result; one that is parked fails with {@link FlowParkedException}; one that failed or was killed
 * starts afresh. Other arguments under an unfinished or completed id: {@link FlowIdReusedException}.
 *
 * <p>WARNING: one runner per database. A RUNNABLE checkpoint that this runner is not running is taken
 * for a crash's leftover and resumed; a second runner on the same tables would run it twice.
 */
public final class FlowRunner {
    /** Flows running at once, including those waiting out a hospital backoff. */
    public static final int FLOWS_RUNNING_MAX = 512;
    /** How long a start waits for one of the running flows to end before it refuses (back pressure). */
    public static final Duration FLOW_START_WAIT_MAX = Duration.ofSeconds(10);
    /** Suspending calls one flow may journal: a flow that takes more is looping or too big for one flow. */
    public static final int JOURNAL_ENTRIES_MAX = 256;
    /** Characters of one journaled value: room for the largest transaction, not for a runaway one. */
    public static final int JOURNAL_VALUE_CHARS_MAX = 4 * 1024 * 1024;
    public static final int FLOW_ID_CHARS_MAX = 200;
    public static final int STEP_NAME_CHARS_MAX = 100;
    public static final int RANDOM_BYTES_MAX = 1_024;
    /** Checkpoints read per query when resuming at start-up. */
    public static final int RESUME_PAGE_SIZE = 100;

    private static final Logger LOG = LoggerFactory.getLogger(FlowRunner.class);

    /** The runner's bounds; {@link #DEFAULTS} are the named constants above. */
    public record Limits(int flowsRunningMax, Duration startWaitMax, int journalEntriesMax) {
        public static final Limits DEFAULTS = new Limits(FLOWS_RUNNING_MAX, FLOW_START_WAIT_MAX, JOURNAL_ENTRIES_MAX);

        public Limits {
            if (flowsRunningMax < 1 || startWaitMax.isNegative() || journalEntriesMax < 1) {
                throw new IllegalArgumentException("flows running " + flowsRunningMax + ", start wait " + startWaitMax
                        + ", journal entries " + journalEntriesMax + ": need at least one flow and one entry");
            }
        }
    }

    private final FlowCheckpoints checkpoints;
    private final SoftLocks softLocks;
    private final Clock clock;
    private final Executor executor;
    private final FlowHospital hospital;
    private final Limits limits;
    private final Jdbc jdbc;
    private volatile FlowMessaging messaging;
    private final Semaphore runningPermits;
    private final ConcurrentMap<String, FlowDefinition<?, ?>> definitions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Running> running = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Responder> responders = new ConcurrentHashMap<>();

    /**
     * Creates the flow tables if missing. Flows run on {@code executor}: give it virtual threads,
     * since flows block (and a flow in backoff sleeps on its thread).
     */
    public FlowRunner(Jdbc jdbc, SoftLocks softLocks, Clock clock, Executor executor, FlowHospital hospital,
                      Limits limits) {
        FlowSchema.create(jdbc);
        this.jdbc = jdbc;
        this.checkpoints = new FlowCheckpoints(jdbc);
        this.softLocks = Objects.requireNonNull(softLocks, "softLocks");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.hospital = Objects.requireNonNull(hospital, "hospital");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.runningPermits = new Semaphore(limits.flowsRunningMax(), true);
    }

    /** Registers how a class of flow is stored and rebuilt. Every flow started must be of a registered class. */
    public <F extends Flow<T>, T> FlowRunner register(FlowDefinition<F, T> definition) {
        FlowDefinition<?, ?> previous = definitions.putIfAbsent(definition.flowClass().getName(), definition);
        if (previous != null && !previous.equals(definition)) {
            throw new IllegalStateException("a definition for " + definition.flowClass().getName() + " is registered");
        }
        return this;
    }

    /**
     * Connects the runner to a transport as {@code localNode}, so that its flows can open sessions
     * ({@link FlowContext#initiateFlow}) and its responders answer sessions others open. Call it once,
     * after registering the definitions and responders and before {@link #resumeUnfinished}: it starts
     * taking envelopes, and resending what the outbox holds from an earlier run.
     *
     * @throws IllegalStateException if the runner is connected already
     */
    public synchronized FlowRunner connect(String localNode, Transport transport, NetworkMap networkMap) {
        if (messaging != null) {
            throw new IllegalStateException("the runner is connected already, as node " + messaging.localNode());
        }
        FlowMessaging connected = new FlowMessaging(localNode, transport, networkMap, jdbc, clock, this, executor);
        register(new FlowDefinition<>(FlowMessaging.ResponderFlow.class, FlowMessaging.ResponderFlow.ARGUMENTS,
                FlowCodec.STRING));
        responders.forEach(connected::registerResponder);
        messaging = connected;
        connected.start();
        return this;
    }

    /**
     * Registers the flow that answers sessions opened by flows (or initiating subflows) of
     * {@code initiatingFlowClass}: the first message of such a session starts it.
     */
    public FlowRunner registerResponder(Class<?> initiatingFlowClass, Responder responder) {
        Responder previous = responders.putIfAbsent(initiatingFlowClass.getName(), responder);
        if (previous != null && previous != responder) {
            throw new IllegalStateException("a responder for " + initiatingFlowClass.getName() + " is registered");
        }
        FlowMessaging connected = messaging;
        if (connected != null) {
            connected.registerResponder(initiatingFlowClass.getName(), responder);
        }
        return this;
    }

    /**
     * Makes the responders of this node consult the network's membership list, as {@code membership}
     * holds it (a {@link io.clearline.flows.network.MembershipFollower} keeps it current): a session opened
     * by a party the list does not name or suspends starts no responder and is answered with an ERROR
     * saying why, which the initiator's receive throws. Without a call, or under
     * {@link NetworkMembership#none()}, every party is answered.
     *
     * @throws IllegalStateException if the runner is not connected
     */
    public FlowRunner followMembership(NetworkMembership membership) {
        FlowMessaging connected = messaging;
        if (connected == null) {
            throw new IllegalStateException("connect the runner before it follows a membership list");
        }
        connected.followMembership(membership);
        return this;
    }

    /** Stops taking and resending envelopes (the node is shutting down); what is unsent waits in the outbox. */
    public void disconnect() {
        FlowMessaging connected = messaging;
        if (connected != null) {
            connected.close();
        }
    }

    /**
     * Starts {@code flow} under {@code flowId} (see the class comment for an id already known) and
     * answers with its outcome: its result; the exception of a business refusal; a
     * {@link FlowParkedException} or {@link FlowKilledException}; a {@link FlowCapacityException} if
     * {@link Limits#flowsRunningMax()} flows ran for the whole {@link Limits#startWaitMax()}.
     *
     * @throws IllegalArgumentException if the id is blank or too long, or the flow's class is not registered
     */
    public <T> CompletableFuture<T> start(String flowId, Flow<T> flow) {
        checkFlowId(flowId);
        return begin(flowId, flow, definitionOf(flow.getClass().getName()), Admit.START);
    }

    /**
     * Runs (or joins the run of) a flow whose checkpoint is RUNNABLE, one attempt more; one that is not
     * RUNNABLE (it ended, was parked or killed meanwhile) is left as it is and the answer says so. For
     * responders: whatever envelope starts one, however often, never starts a finished one afresh.
     */
    <T> CompletableFuture<T> resumeRunnable(String flowId, Flow<T> flow) {
        checkFlowId(flowId);
        return begin(flowId, flow, definitionOf(flow.getClass().getName()), Admit.RESUME_RUNNABLE);
    }

    /** What a start admits: any start of an id, an operator's retry of a parked flow, or a RUNNABLE flow only. */
    private enum Admit { START, OPERATOR_RETRY, RESUME_RUNNABLE }

    /**
     * {@link #start} and wait for the outcome, rethrowing a failure as it was thrown in the flow (an
     * unchecked one; a checked one arrives wrapped in an {@link IllegalStateException}).
     */
    public <T> T run(String flowId, Flow<T> flow) throws InterruptedException {
        try {
            return start(flowId, flow).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("flow " + flowId + " failed: " + cause, cause);
        }
    }

    /**
     * Operators: runs a parked flow again from its journal, one attempt more.
     *
     * @throws IllegalArgumentException if there is no such flow
     * @throws IllegalStateException if it is not parked
     */
    public CompletableFuture<Object> retry(String flowId) {
        FlowCheckpoints.Checkpoint checkpoint = checkpoints.find(flowId)
                .orElseThrow(() -> new IllegalArgumentException("no flow " + flowId));
        if (checkpoint.status() != FlowStatus.PARKED) {
            throw new IllegalStateException("only a parked flow is retried; " + flowId + " is " + checkpoint.status());
        }
        FlowDefinition<Flow<Object>, Object> definition = definitionOf(checkpoint.flowClass());
        return begin(flowId, definition.arguments().decode(checkpoint.arguments()), definition, Admit.OPERATOR_RETRY);
    }

    /**
     * Operators: kills a RUNNABLE or PARKED flow, recording {@code reason}, and releases the soft locks
     * it holds. A flow running now stops at its next suspending call (it is interrupted if it blocks);
     * one that has no suspending call left completes, and its checkpoint says COMPLETED.
     *
     * <p>Its counterparties hear of it at once: in the database transaction that marks it KILLED, an
     * ERROR saying it was killed and why goes into the outbox on each of its open sessions, numbered as
     * the next message the counterparty waits for, and the sessions close. A counterparty's pending
     * receive throws a {@link FlowSessionException} with that message instead of waiting out its timeout.
     *
     * <p>WARNING: a flow killed after its transaction was notarised leaves that transaction unrecorded
     * and its inputs spent at the notary until someone finishes it. Retry such a flow instead; kill the
     * ones that never reached their notary. (The payment flow, asked again for the same UETR, finishes
     * the transaction its killed run left pending instead of building another; recovery finishes it too.)
     *
     * @return false if the flow is unknown or finished already
     */
    public boolean kill(String flowId, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("an operator says why a flow is killed");
        }
        List<Envelope> errors = new ArrayList<>();
        if (!checkpoints.kill(flowId, reason, clock.instant(), killingSessions(flowId, reason, errors))) {
            return false;
        }
        FlowMessaging connected = messaging;
        if (connected != null) {
            connected.dispatch(errors);
        }
        Running run = running.get(flowId);
        if (run != null) {
            run.kill(reason);
        }
        int released = softLocks.releaseAll(softLockIdOf(flowId));
        LOG.warn("flow {} killed ({} soft locks released, {} counterparties told): {}", flowId, released,
                errors.size(), reason);
        return true;
    }

    /**
     * The kill's work on the flow's sessions, in its database transaction: locks them first, then writes
     * their ERRORs (into {@code written}, to dispatch after the commit) and closes them.
     */
    private FlowCheckpoints.KillWork killingSessions(String flowId, String reason, List<Envelope> written) {
        FlowMessaging connected = messaging;
        if (connected == null) {
            // Not connected: no session was opened through this runner, so none has a counterparty to tell.
            return FlowCheckpoints.KillWork.NOTHING;
        }
        String message = new FlowKilledException(flowId, reason).getMessage();
        return connection -> {
            List<FlowMessaging.OpenSession> sessions = FlowMessaging.lockOpenSessionsOf(connection, flowId);
            return killed -> {
                written.clear();
                written.addAll(connected.writeKilled(killed, flowId, sessions, message, clock.instant()));
            };
        };
    }

    /**
     * On a killed flow's own thread, once it stopped: tells the counterparties of sessions it opened while
     * the kill committed (the kill's transaction could not see them). Usually there are none.
     */
    private void tellSessionsOpenedDuringTheKill(String flowId, String reason) {
        FlowMessaging connected = messaging;
        if (connected == null) {
            return;
        }
        String message = new FlowKilledException(flowId, reason).getMessage();
        try {
            List<Envelope> errors = jdbc.inTransaction(connection -> {
                List<FlowMessaging.OpenSession> sessions = FlowMessaging.lockOpenSessionsOf(connection, flowId);
                return sessions.isEmpty() ? List.<Envelope>of()
                        : connected.writeKilled(connection, flowId, sessions, message, clock.instant());
            });
            connected.dispatch(errors);
        } catch (RuntimeException unwritable) {
            // Their counterparties' receives time out instead, as before kills told anyone.
            LOG.warn("killed flow {} could not tell the sessions it opened during the kill: {}", flowId,
                    describe(unwritable));
        }
    }

    /**
     * Operators (the connected runner also does it every minute): deletes sessions closed for longer than
     * their retention (two hours; long enough that late duplicates of their messages are still recognised
     * and dropped), and inbox rows as old that no flow will read, a bounded number per call.
     *
     * @return rows deleted; call again while it answers a full round
     */
    public int purgeClosedSessions() {
        return FlowMessaging.purge(jdbc, clock.instant());
    }

    /**
     * At start-up, once every definition is registered: runs every RUNNABLE flow again from its
     * journal. A flow that cannot be rebuilt (no definition, unreadable arguments) is parked.
     *
     * @return how many flows were resumed (not counting those parked), once every one of them has ended
     */
    public CompletableFuture<Integer> resumeUnfinished() {
        List<CompletableFuture<Object>> resumed = new ArrayList<>();
        String after = "";
        while (true) {
            List<FlowCheckpoints.Checkpoint> page = checkpoints.runnableAfter(after, RESUME_PAGE_SIZE);
            for (FlowCheckpoints.Checkpoint checkpoint : page) {
                if (!running.containsKey(checkpoint.flowId())) {
                    resume(checkpoint).ifPresent(resumed::add);
                }
            }
            if (page.size() < RESUME_PAGE_SIZE) {
                break;
            }
            after = page.get(page.size() - 1).flowId();
        }
        int count = resumed.size();
        if (count > 0) {
            LOG.info("resuming {} unfinished flows from their journals", count);
        }
        return CompletableFuture.allOf(resumed.stream().map(outcome -> outcome.handle((result, failure) -> null))
                .toArray(CompletableFuture[]::new)).thenApply(ended -> count);
    }

    /** Operators: one page of the flows in {@code status}, oldest first (at most {@link Page#PAGE_SIZE_MAX} a page). */
    public Page<FlowSummary> list(FlowStatus status, int pageNumber, int pageSize) {
        return checkpoints.list(Objects.requireNonNull(status, "status"), pageNumber, pageSize);
    }

    public Optional<FlowSummary> find(String flowId) {
        return checkpoints.find(flowId).map(FlowCheckpoints.Checkpoint::summary);
    }

    /** Flows running in this process now: for metrics and tests. */
    public int runningCount() {
        return running.size();
    }

    /** The soft-lock id of a flow: derived from its id, so it survives a restart and a kill can find its locks. */
    public static UUID softLockIdOf(String flowId) {
        return UUID.nameUUIDFromBytes(("flow:" + flowId).getBytes(StandardCharsets.UTF_8));
    }

    /** The resumed flow's outcome, or empty if it cannot be rebuilt and was parked. */
    private Optional<CompletableFuture<Object>> resume(FlowCheckpoints.Checkpoint checkpoint) {
        Flow<Object> flow;
        FlowDefinition<Flow<Object>, Object> definition;
        try {
            definition = definitionOf(checkpoint.flowClass());
            flow = definition.arguments().decode(checkpoint.arguments());
        } catch (RuntimeException unbuildable) {
            String why = "cannot be rebuilt: " + describe(unbuildable);
            checkpoints.park(checkpoint.flowId(), why, clock.instant());
            LOG.warn("flow {} parked: {}", checkpoint.flowId(), why);
            return Optional.empty();
        }
        return Optional.of(begin(checkpoint.flowId(), flow, definition, Admit.START));
    }

    /** Admits the flow (joining a run of the same id), then launches it on the executor or answers at once. */
    private <T> CompletableFuture<T> begin(String flowId, Flow<T> flow, FlowDefinition<Flow<T>, T> definition,
                                           Admit admit) {
        String arguments = definition.arguments().encode(flow);
        Running mine = new Running(flowId, definition.flowClass().getName(), arguments);
        Running already = running.putIfAbsent(flowId, mine);
        if (already != null) {
            if (admit == Admit.OPERATOR_RETRY) {
                return CompletableFuture.failedFuture(new IllegalStateException("flow " + flowId + " is running"));
            }
            if (!already.flowClass.equals(mine.flowClass) || !already.arguments.equals(arguments)) {
                return CompletableFuture.failedFuture(new FlowIdReusedException(flowId, "it is running with other arguments"));
            }
            return already.outcome();
        }
        Ending ending;
        try {
            ending = admitAndLaunch(mine, flow, definition, admit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ending = Ending.failed(e);
        } catch (RuntimeException e) {
            ending = Ending.failed(e);
        }
        if (ending != null) {
            running.remove(flowId, mine);
            ending.completeTo(mine.outcome);
        }
        return mine.outcome();
    }

    /** @return how the flow ended without running, or null once it was launched */
    private <T> Ending admitAndLaunch(Running mine, Flow<T> flow, FlowDefinition<Flow<T>, T> definition,
                                      Admit admit) throws InterruptedException {
        if (!runningPermits.tryAcquire(limits.startWaitMax().toNanos(), TimeUnit.NANOSECONDS)) {
            return Ending.failed(new FlowCapacityException(limits.flowsRunningMax() + " flows were running for "
                    + limits.startWaitMax() + ": flow " + mine.flowId + " did not start"));
        }
        boolean launched = false;
        try {
            FlowCheckpoints.Admission admission = switch (admit) {
                case OPERATOR_RETRY -> new FlowCheckpoints.Run(checkpoints.unpark(mine.flowId, clock.instant())
                        .orElseThrow(() -> new IllegalStateException("only a parked flow is retried; " + mine.flowId
                                + " is not")));
                case RESUME_RUNNABLE -> new FlowCheckpoints.Run(checkpoints.admitRunnable(mine.flowId, clock.instant())
                        .orElseThrow(() -> new IllegalStateException("flow " + mine.flowId
                                + " is no longer RUNNABLE: it ended, or was parked or killed, and is left so")));
                case START -> checkpoints.admitStart(mine.flowId, mine.flowClass, mine.arguments, clock.instant());
            };
            return switch (admission) {
                case FlowCheckpoints.Run run -> {
                    executor.execute(() -> runToTheEnd(mine, flow, definition, run.attempt()));
                    launched = true;
                    yield null;
                }
                case FlowCheckpoints.Completed completed -> Ending.succeeded(definition.result().decode(completed.result()));
                case FlowCheckpoints.Parked parked -> Ending.failed(new FlowParkedException(mine.flowId,
                        String.valueOf(parked.lastError()), null));
                case FlowCheckpoints.Reused reused -> Ending.failed(new FlowIdReusedException(mine.flowId,
                        reused.explanation()));
            };
        } finally {
            if (!launched) {
                runningPermits.release();
            }
        }
    }

    /** On the flow's own thread. Whatever happens, the permit is returned and the id freed before the outcome is told. */
    private <T> void runToTheEnd(Running mine, Flow<T> flow, FlowDefinition<Flow<T>, T> definition, int attempt) {
        mine.attach(Thread.currentThread());
        Ending ending;
        try {
            ending = runWithHospital(mine, flow, definition, attempt);
        } catch (RuntimeException | Error crash) {
            // The runner's own bookkeeping failed (the database went away) or the JVM is in trouble: the
            // checkpoint stays RUNNABLE, as a crash would leave it, and the flow resumes at the next start.
            LOG.error("flow {} stopped by {}; it stays RUNNABLE and resumes from its journal at the next start",
                    mine.flowId, describe(crash));
            ending = Ending.failed(crash);
        } finally {
            mine.detach();
            running.remove(mine.flowId, mine);
            runningPermits.release();
        }
        ending.completeTo(mine.outcome);
    }

    private <T> Ending runWithHospital(Running mine, Flow<T> flow, FlowDefinition<Flow<T>, T> definition,
                                       int firstAttempt) {
        int attempt = firstAttempt;
        for (int retries = 0; ; retries++) {
            JournaledContext context = null;
            T result;
            try {
                context = new JournaledContext(mine.flowId, attempt, checkpoints.journal(mine.flowId,
                        limits.journalEntriesMax()), checkpoints, softLocks, clock, limits.journalEntriesMax(),
                        mine::killedBecause, mine.flowClass, messaging);
                result = flow.call(context);
            } catch (Exception failure) {
                Ending ending = afterFailure(mine, context, failure, retries);
                if (ending != null) {
                    return ending;
                }
                attempt++;
                continue;
            }
            JournaledContext.Closing closing = context.closing(EnvelopeKind.END, null);
            try {
                checkpoints.complete(mine.flowId, definition.result().encode(result), clock.instant(), closing.work());
            } catch (RuntimeException refused) {
                if (mine.killedBecause() != null && Jdbc.isIntegrityViolation(refused)) {
                    // The kill's ERROR took the sequence number of this flow's last message: the counterparty
                    // was told of the kill, and the flow stays KILLED.
                    return killed(mine);
                }
                throw refused;
            }
            closing.dispatch().run();
            softLocks.releaseAll(softLockIdOf(mine.flowId));
            return Ending.succeeded(result);
        }
    }

    /** The hospital's verdict carried out: an ending, or null after the backoff of a retry. */
    private Ending afterFailure(Running mine, JournaledContext context, Exception failure, int retriesSoFar) {
        if (mine.killedBecause() != null) {
            return killed(mine);
        }
        if (failure instanceof InterruptedException || Thread.currentThread().isInterrupted()) {
            // Interrupted but not killed: the node is shutting down. RUNNABLE, resumed at the next start.
            return Ending.failed(failure);
        }
        if (context != null) {
            try {
                context.writeUnwritten();
            } catch (RuntimeException unwritable) {
                // Losing them is safe, as a crash would be: a re-run executes those steps again.
                LOG.warn("flow {} could not journal its last steps: {}", mine.flowId, describe(unwritable));
            }
        }
        String error = describe(failure);
        switch (hospital.diagnose(failure, retriesSoFar)) {
            case FAIL -> {
                // Its counterparties hear why: their pending receives throw with this flow's message.
                JournaledContext.Closing closing = context != null
                        ? context.closing(EnvelopeKind.ERROR, String.valueOf(failure.getMessage()))
                        : JournaledContext.Closing.NONE;
                checkpoints.fail(mine.flowId, error, clock.instant(), closing.work());
                closing.dispatch().run();
                softLocks.releaseAll(softLockIdOf(mine.flowId));
                return Ending.failed(failure);
            }
            case PARK -> {
                if (!checkpoints.park(mine.flowId, error, clock.instant())) {
                    return killed(mine);
                }
                LOG.warn("flow {} parked for an operator: {}", mine.flowId, error);
                return Ending.failed(new FlowParkedException(mine.flowId, error, failure));
            }
            case RETRY -> {
                checkpoints.recordRetry(mine.flowId, error, clock.instant());
                Duration backoff = hospital.backoff(retriesSoFar + 1);
                LOG.info("flow {} retries in {} after a transient failure: {}", mine.flowId, backoff, error);
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return mine.killedBecause() != null ? killed(mine) : Ending.failed(interrupted);
                }
                return null;
            }
            default -> throw new IllegalStateException("no verdict");
        }
    }

    private Ending killed(Running mine) {
        tellSessionsOpenedDuringTheKill(mine.flowId, mine.killedBecause());
        softLocks.releaseAll(softLockIdOf(mine.flowId));
        return Ending.failed(new FlowKilledException(mine.flowId, mine.killedBecause()));
    }

    @SuppressWarnings("unchecked")
    private <T> FlowDefinition<Flow<T>, T> definitionOf(String flowClass) {
        FlowDefinition<?, ?> definition = definitions.get(flowClass);
        if (definition == null) {
            throw new IllegalArgumentException("no flow definition is registered for " + flowClass
                    + ": register one, so that its flows can be rebuilt after a restart");
        }
        return (FlowDefinition<Flow<T>, T>) definition;
    }

    private static void checkFlowId(String flowId) {
        if (flowId == null || flowId.isBlank() || flowId.length() > FLOW_ID_CHARS_MAX) {
            throw new IllegalArgumentException("a flow id is 1 to " + FLOW_ID_CHARS_MAX + " characters: " + flowId);
        }
    }

    private static String describe(Throwable failure) {
        return failure.getClass().getName() + ": " + failure.getMessage();
    }

    /** How a flow ended, told to its callers only after the runner has let go of it. */
    private record Ending(Object result, Throwable failure) {
        static Ending succeeded(Object result) {
            return new Ending(result, null);
        }

        static Ending failed(Throwable failure) {
            return new Ending(null, failure);
        }

        void completeTo(CompletableFuture<Object> outcome) {
            if (failure != null) {
                outcome.completeExceptionally(failure);
            } else {
                outcome.complete(result);
            }
        }
    }

    /** A flow running in this process: its callers wait on {@code outcome}; a kill reaches its thread. */
    private static final class Running {
        private final String flowId;
        private final String flowClass;
        private final String arguments;
        private final CompletableFuture<Object> outcome = new CompletableFuture<>();
        private volatile String killedBecause;
        private Thread thread;

        Running(String flowId, String flowClass, String arguments) {
            this.flowId = flowId;
            this.flowClass = flowClass;
            this.arguments = arguments;
        }

        @SuppressWarnings("unchecked")
        <T> CompletableFuture<T> outcome() {
            return (CompletableFuture<T>) outcome;
        }

        String killedBecause() {
            return killedBecause;
        }

        synchronized void attach(Thread current) {
            thread = current;
            if (killedBecause != null) {
                current.interrupt();
            }
        }

        /** Lets go of the thread, clearing an interrupt meant for this flow so it cannot hit the thread's next task. */
        synchronized void detach() {
            thread = null;
            Thread.interrupted();
        }

        synchronized void kill(String reason) {
            killedBecause = reason;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }
}
