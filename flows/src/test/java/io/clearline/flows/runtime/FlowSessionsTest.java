package io.clearline.flows.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.network.Member;
import io.clearline.flows.network.MemberRole;
import io.clearline.flows.network.MemberStatus;
import io.clearline.flows.network.MembershipList;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.network.NetworkParameters;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sessions between two nodes, each with its own database, over one in-memory transport: toy flows for each rule. */
class FlowSessionsTest {
    private static final Duration ANSWER_WAIT = Duration.ofSeconds(10);
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(30);
    private static final FlowHospital HOSPITAL = new FlowHospital(3, Duration.ofMillis(1), Duration.ofMillis(4),
            failure -> failure instanceof Refusal);
    private static final NetworkMap NETWORK = party -> Optional.of(party.equals("A") ? "node-a" : "node-b");

    /** A business refusal: the flow's answer, not an error. */
    static final class Refusal extends RuntimeException {
        Refusal(String message) {
            super(message);
        }
    }

    /** The process dies: the runner leaves the flow RUNNABLE, as a crash would. */
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    @FunctionalInterface
    interface Behaviour {
        String run(FlowContext context, String argument) throws Exception;
    }

    /** What each scenario's initiator does; a flow stores only its scenario's name and argument. */
    private static final Map<String, Behaviour> SCENARIOS = new ConcurrentHashMap<>();

    /** A toy flow from party A to party B, doing what its scenario says. */
    static final class TalkingFlow implements Flow<String> {
        final String scenario;
        final String argument;

        TalkingFlow(String scenario, String argument) {
            this.scenario = scenario;
            this.argument = argument;
        }

        static final FlowDefinition<TalkingFlow, String> DEFINITION = new FlowDefinition<>(TalkingFlow.class,
                FlowCodec.STRINGS.map(flow -> List.of(flow.scenario, flow.argument),
                        fields -> new TalkingFlow(fields.get(0), fields.get(1))), FlowCodec.STRING);

        @Override
        public String call(FlowContext context) throws Exception {
            return SCENARIOS.get(scenario).run(context, argument);
        }
    }

    /** A subflow that pings B; whether its sessions are its own depends on how it is called. */
    static final class PingSubFlow implements Flow<String> {
        @Override
        public String call(FlowContext context) throws Exception {
            FlowSession session = context.initiateFlow("A", "B");
            return session.sendAndReceive(FlowCodec.STRING, "ping", FlowCodec.STRING, ANSWER_WAIT, notBlank());
        }
    }

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Transport> transports = new ArrayList<>();
    private final DataSource databaseA = database();
    private final DataSource databaseB = database();
    private final SoftLocks softLocksA = new SoftLocks(Duration.ofMinutes(5));
    private final AtomicInteger responderRuns = new AtomicInteger();
    private final SteppingClock clock = new SteppingClock();
    private volatile Responder responder;
    private FlowRunner nodeA;
    private FlowRunner nodeB;

    @AfterEach
    void stop() {
        executor.shutdownNow();
        transports.forEach(Transport::close);
    }

    /** Both nodes on a transport with {@code faults}; B answers flows of {@code initiating} with {@link #responder}. */
    private void startNodes(FaultPlan faults, Class<?> initiating, Responder answer) {
        startNodes(new InMemoryTransport(faults), initiating, answer);
    }

    private void startNodes(Transport transport, Class<?> initiating, Responder answer) {
        responder = answer;
        transports.add(transport);
        nodeA = runner(databaseA, softLocksA).connect("node-a", transport, NETWORK);
        nodeB = runner(databaseB, new SoftLocks(Duration.ofMinutes(5)))
                .registerResponder(initiating, (context, session) -> {
                    responderRuns.incrementAndGet();
                    responder.respond(context, session);
                })
                .connect("node-b", transport, NETWORK);
    }

    private FlowRunner runner(DataSource database, SoftLocks softLocks) {
        return new FlowRunner(new Jdbc(database), softLocks, clock, executor, HOSPITAL,
                FlowRunner.Limits.DEFAULTS).register(TalkingFlow.DEFINITION);
    }

    private String run(String scenario, String argument, Behaviour initiator) throws Exception {
        return start(scenario, argument, initiator).get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
    }

    private CompletableFuture<String> start(String scenario, String argument, Behaviour initiator) {
        SCENARIOS.put(scenario, initiator);
        return nodeA.start("talk:" + scenario + ":" + argument, new TalkingFlow(scenario, argument));
    }

    private static final Responder ECHO = (context, session) -> {
        String message = session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
        session.send(FlowCodec.STRING, "echo " + message);
    };

    @Test
    void aFlowSendsToItsCounterpartyWhoseRegisteredResponderAnswersOnTheSameSession() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, ECHO);
        String answer = run(unique("ping"), "hello", (context, argument) -> context.initiateFlow("A", "B")
                .sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING, ANSWER_WAIT, notBlank()));
        assertThat(answer).isEqualTo("echo hello");
        assertThat(responderRuns).hasValue(1);
    }

    @Test
    void aReceivedMessageTheValidatorRefusesFailsTheReceive() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, ECHO);
        CompletableFuture<String> outcome = start(unique("refused"), "hello", (context, argument) ->
                context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING,
                        ANSWER_WAIT, received -> {
                            if (!received.equals("the answer we expect")) {
                                throw new Refusal("B answered '" + received + "', not what we expect");
                            }
                        }));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(Refusal.class).hasMessageContaining("B answered 'echo hello'");
    }

    @Test
    void aCounterpartyThatNeverAnswersTimesTheReceiveOutAndTheFlowFailsReleasingItsLocksAndTellingThePeer()
            throws Exception {
        CompletableFuture<Throwable> responderSaw = new CompletableFuture<>();
        startNodes(FaultPlan.NONE, TalkingFlow.class, (context, session) -> {
            try {
                session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
                // Never answers: waits for a second message that A never sends.
                session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
            } catch (FlowSessionException e) {
                responderSaw.complete(e);
                throw e;
            }
        });
        StateRef locked = new StateRef("a".repeat(64), 0);
        String scenario = unique("silent");
        CompletableFuture<String> outcome = start(scenario, "hello", (context, argument) -> {
            context.lockStates("lock", FlowCodec.STRING, () -> {
                softLocksA.tryLock(locked, context.softLockId());
                return "locked";
            }, ignored -> List.of(locked));
            FlowSession session = context.initiateFlow("A", "B");
            session.send(FlowCodec.STRING, argument);
            return session.receive(FlowCodec.STRING, Duration.ofMillis(300), notBlank());
        });
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionTimeoutException.class).hasMessageContaining("sent nothing within PT0.3S");
        assertThat(nodeA.find("talk:" + scenario + ":hello").orElseThrow().status()).isEqualTo(FlowStatus.FAILED);
        assertThat(softLocksA.size()).as("locks left after the timeout").isZero();
        assertThat(responderSaw.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasMessageContaining("A on session").hasMessageContaining("failed: ")
                .hasMessageContaining("sent nothing within");
    }

    @Test
    void aResponderThatFailsWithARefusalMakesTheInitiatorsReceiveThrowItsMessage() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, (context, session) -> {
            session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
            throw new Refusal("B will not take this: insufficient cover");
        });
        CompletableFuture<String> outcome = start(unique("refusing-peer"), "hello", (context, argument) ->
                context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING,
                        ANSWER_WAIT, notBlank()));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class)
                .hasMessageContaining("B on session").hasMessageContaining("failed: B will not take this: insufficient cover");
    }

    @Test
    void aReceiveOnASessionItsCounterpartyEndedFailsClearly() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class,
                (context, session) -> session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank()));
        CompletableFuture<String> outcome = start(unique("ended"), "hello", (context, argument) ->
                context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING,
                        ANSWER_WAIT, notBlank()));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class).hasMessageContaining("ended the session");
    }

    @Test
    void aSessionToAPartyWithNoResponderForTheFlowFailsWithTheReason() throws Exception {
        startNodes(FaultPlan.NONE, PingSubFlow.class, ECHO);
        CompletableFuture<String> outcome = start(unique("unanswered"), "hello", (context, argument) ->
                context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING,
                        ANSWER_WAIT, notBlank()));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class)
                .hasMessageContaining("has no responder for " + TalkingFlow.class.getName());
    }

    @Test
    void aSessionRefusedForWantOfAResponderIsToldThroughTheOutboxSoALostFirstDeliveryIsResent() throws Exception {
        // Every envelope's first delivery is lost: the refusal only arrives if it is resent.
        startNodes(new FaultPlan(20261125, 1.0, 0, Duration.ZERO, 0), PingSubFlow.class, ECHO);
        CompletableFuture<String> outcome = start(unique("unanswered-lossy"), "hello", (context, argument) ->
                context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING,
                        WAIT_FOR_EVER, notBlank()));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class)
                .hasMessageContaining("has no responder for " + TalkingFlow.class.getName());
        assertThat(responderRuns).hasValue(0);
        assertThat(count(databaseB, "SELECT COUNT(*) FROM flow_checkpoint")).as("flows started at B").isZero();
        assertThat(count(databaseB, "SELECT COUNT(*) FROM flow_session WHERE session_status = 'CLOSED'"))
                .as("the refused session, kept closed so that its duplicates are dropped").isEqualTo(1);
        assertNothingLeftPending();
    }

    @Test
    void messagesDuplicatedDelayedReorderedAndDroppedByTheTransportArriveOnceEachAndInOrder() throws Exception {
        FaultPlan faults = new FaultPlan(20261125, 0.2, 0.3, Duration.ofMillis(30), 0.3);
        int messages = 5;
        startNodes(faults, TalkingFlow.class, (context, session) -> {
            for (int i = 0; i < messages; i++) {
                String message = session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
                session.send(FlowCodec.STRING, "echo " + message);
            }
        });
        String scenario = unique("chatty");
        Behaviour chat = (context, argument) -> {
            FlowSession session = context.initiateFlow("A", "B");
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                session.send(FlowCodec.STRING, argument + "." + i);
            }
            for (int i = 0; i < messages; i++) {
                answers.add(session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank()));
            }
            return String.join(",", answers);
        };
        int flows = 20;
        List<CompletableFuture<String>> outcomes = IntStream.range(0, flows)
                .mapToObj(flow -> start(scenario, "flow" + flow, chat)).toList();
        for (int flow = 0; flow < flows; flow++) {
            assertThat(outcomes.get(flow).get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                    .isEqualTo(expectedChat(flowName(flow), messages));
        }
        assertThat(responderRuns).as("responders started, one per session despite duplicated first messages")
                .hasValue(flows);
    }

    private static String flowName(int flow) {
        return "flow" + flow;
    }

    private static String expectedChat(String argument, int messages) {
        return String.join(",", IntStream.range(0, messages).mapToObj(i -> "echo " + argument + "." + i).toList());
    }

    @Test
    void aReplayAfterACrashEndsAReceiveAsItsJournalSaysEvenIfTheMessageCameSince() throws Exception {
        CompletableFuture<Void> lateAnswerSent = new CompletableFuture<>();
        startNodes(FaultPlan.NONE, TalkingFlow.class, (context, session) -> {
            session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
            Thread.sleep(600);
            session.send(FlowCodec.STRING, "late");
            lateAnswerSent.complete(null);
        });
        AtomicInteger runs = new AtomicInteger();
        String scenario = unique("timed-out-then-crashed");
        CompletableFuture<String> first = start(scenario, "hello", (context, argument) -> {
            runs.incrementAndGet();
            FlowSession session = context.initiateFlow("A", "B");
            session.send(FlowCodec.STRING, argument);
            String outcome;
            try {
                outcome = session.receive(FlowCodec.STRING, Duration.ofMillis(200), notBlank());
            } catch (FlowSessionTimeoutException e) {
                outcome = "timed out";
            }
            context.await("after-the-receive", FlowCodec.STRING, () -> "journaled");
            if (context.attempt() == 1) {
                throw new SimulatedCrash();
            }
            return outcome;
        });
        assertThatThrownBy(() -> first.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(SimulatedCrash.class);
        lateAnswerSent.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        Thread.sleep(200);

        nodeA.disconnect();
        FlowRunner restarted = runner(databaseA, softLocksA).connect("node-a", transports.get(0), NETWORK);
        assertThat(restarted.resumeUnfinished().get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1);
        FlowSummary resumed = restarted.find("talk:" + scenario + ":hello").orElseThrow();
        assertThat(resumed.status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(runs).hasValue(2);
        assertThat(restarted.start("talk:" + scenario + ":hello", new TalkingFlow(scenario, "hello"))
                .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("timed out");
    }

    @Test
    void anInlinedSubflowTalksOnItsParentsSessionsAndIsAnsweredByTheParentsResponder() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, ECHO);
        String answer = run(unique("inlined"), "hello",
                (context, argument) -> context.inlineSubFlow("ask", new PingSubFlow()));
        assertThat(answer).isEqualTo("echo ping");
    }

    @Test
    void anInitiatingSubflowOpensSessionsAnsweredByTheResponderRegisteredForItsOwnClass() throws Exception {
        startNodes(FaultPlan.NONE, PingSubFlow.class, ECHO);
        String answer = run(unique("initiating"), "hello",
                (context, argument) -> context.initiatingSubFlow("ask", new PingSubFlow()));
        assertThat(answer).isEqualTo("echo ping");
    }

    @Test
    void aSubflowNameIsAPartOfItsStepNamesSoItMayNotContainTheSeparator() throws Exception {
        startNodes(FaultPlan.NONE, PingSubFlow.class, ECHO);
        CompletableFuture<String> outcome = start(unique("bad-name"), "hello",
                (context, argument) -> context.inlineSubFlow("a/b", new PingSubFlow()));
        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowParkedException.class).hasMessageContaining("has no '/': a/b");
    }

    /** Far longer than any scenario takes: a receive that waits it out was never told anything. */
    private static final Duration WAIT_FOR_EVER = Duration.ofMinutes(5);

    @Test
    void killingARunningFlowTellsItsCounterpartyWhosePendingReceiveFailsAtOnceNamingTheKill() throws Exception {
        CompletableFuture<Throwable> responderSaw = new CompletableFuture<>();
        startNodes(FaultPlan.NONE, TalkingFlow.class, (context, session) -> {
            String message = session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
            session.send(FlowCodec.STRING, "echo " + message);
            try {
                session.receive(FlowCodec.STRING, WAIT_FOR_EVER, notBlank());
            } catch (FlowSessionException e) {
                responderSaw.complete(e);
                throw e;
            }
        });
        CompletableFuture<Void> echoed = new CompletableFuture<>();
        String scenario = unique("killed-initiator");
        CompletableFuture<String> outcome = start(scenario, "hello", (context, argument) -> {
            FlowSession session = context.initiateFlow("A", "B");
            session.sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING, ANSWER_WAIT, notBlank());
            echoed.complete(null);
            // Both sides wait for each other now, until the kill.
            return session.receive(FlowCodec.STRING, WAIT_FOR_EVER, notBlank());
        });
        echoed.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(nodeA.kill("talk:" + scenario + ":hello", "stuck, says the operator")).isTrue();

        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowKilledException.class);
        assertThat(responderSaw.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(FlowSessionException.class).hasMessageContaining("A on session")
                .hasMessageContaining("was killed: stuck, says the operator");
        assertNothingLeftPending();
        assertThat(nodeB.list(FlowStatus.FAILED, 0, 10).items()).hasSize(1);
    }

    @Test
    void killingAParkedFlowTellsItsCounterpartyWithTheNextNumberOnTheSessionFromTheDatabase() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, (context, session) -> {
            String message = session.receive(FlowCodec.STRING, ANSWER_WAIT, notBlank());
            session.send(FlowCodec.STRING, "echo " + message);
            // Neither a refusal nor transient: the hospital parks it for an operator, message 0 sent.
            throw new IllegalStateException("a bug in the responder");
        });
        String scenario = unique("killed-parked-responder");
        CompletableFuture<String> outcome = start(scenario, "hello", (context, argument) -> {
            FlowSession session = context.initiateFlow("A", "B");
            session.sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING, ANSWER_WAIT, notBlank());
            return session.receive(FlowCodec.STRING, WAIT_FOR_EVER, notBlank());
        });
        FlowSummary parked = awaitValue(() -> nodeB.list(FlowStatus.PARKED, 0, 10).items().stream().findFirst());

        assertThat(nodeB.kill(parked.flowId(), "the bug will not go away")).isTrue();

        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class).hasMessageContaining("B on session")
                .hasMessageContaining("failed: flow " + parked.flowId() + " was killed: the bug will not go away");
        assertThat(nodeB.find(parked.flowId()).orElseThrow().status()).isEqualTo(FlowStatus.KILLED);
        assertNothingLeftPending();
    }

    @Test
    void closedSessionsAndUnreadMessagesArePurgedAfterTheirRetentionAndLateDuplicatesChangeNothing() throws Exception {
        RecordingTransport transport = new RecordingTransport(new InMemoryTransport(FaultPlan.NONE));
        startNodes(transport, TalkingFlow.class, ECHO);
        String scenario = unique("purged");
        assertThat(run(scenario, "hello", (context, argument) -> context.initiateFlow("A", "B")
                .sendAndReceive(FlowCodec.STRING, argument, FlowCodec.STRING, ANSWER_WAIT, notBlank())))
                .isEqualTo("echo hello");
        // A message on a session whose opening never comes: nobody will ever read it.
        transport.send(new io.clearline.flows.transport.Envelope("node-a", "A", "node-b", "B", "never-opened", 1,
                EnvelopeKind.DATA, "lost".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        awaitValue(() -> count(databaseB, "SELECT COUNT(*) FROM flow_inbox") == 1 ? Optional.of(true) : Optional.empty());
        assertNothingLeftPendingBut(1);

        assertThat(nodeA.purgeClosedSessions() + nodeB.purgeClosedSessions()).as("purged within the retention")
                .isZero();
        clock.advance(FlowMessaging.CLOSED_SESSION_RETENTION.plusMinutes(1));
        assertThat(nodeA.purgeClosedSessions()).as("purged at A: its session").isEqualTo(1);
        assertThat(nodeB.purgeClosedSessions()).as("purged at B: its session and the unread message").isEqualTo(2);
        for (DataSource database : List.of(databaseA, databaseB)) {
            assertThat(count(database, "SELECT COUNT(*) FROM flow_session")).as("sessions left").isZero();
            assertThat(count(database, "SELECT COUNT(*) FROM flow_inbox")).as("inbox rows left").isZero();
        }

        // Every envelope of the session arrives once more, after the purge.
        List<io.clearline.flows.transport.Envelope> late = transport.sent().stream()
                .filter(envelope -> envelope.kind() != EnvelopeKind.ACK && !envelope.sessionId().equals("never-opened"))
                .distinct().toList();
        assertThat(late).extracting(io.clearline.flows.transport.Envelope::kind)
                .containsExactlyInAnyOrder(EnvelopeKind.INIT, EnvelopeKind.LAST);
        long acknowledgedBefore = transport.acknowledgements();
        late.forEach(transport::send);
        awaitValue(() -> transport.acknowledgements() == acknowledgedBefore + late.size() ? Optional.of(true)
                : Optional.empty());

        assertThat(responderRuns).as("responders started: the late opening found its responder's checkpoint")
                .hasValue(1);
        assertThat(count(databaseB, "SELECT COUNT(*) FROM flow_checkpoint WHERE flow_status = 'COMPLETED'"))
                .isEqualTo(1);
        assertThat(count(databaseB, "SELECT COUNT(*) FROM flow_inbox")).as("kept at the responder's node").isZero();
        assertThat(nodeA.find("talk:" + scenario + ":hello").orElseThrow().status()).isEqualTo(FlowStatus.COMPLETED);
        assertThat(nodeA.start("talk:" + scenario + ":hello", new TalkingFlow(scenario, "hello"))
                .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("echo hello");
        // The initiator's node cannot tell a late answer from an early one for a session it never heard of:
        // it keeps it for nobody, and the next purge after the retention takes it.
        assertThat(count(databaseA, "SELECT COUNT(*) FROM flow_inbox")).as("the late answer and its end").isEqualTo(2);
        clock.advance(FlowMessaging.CLOSED_SESSION_RETENTION.plusMinutes(1));
        assertThat(nodeA.purgeClosedSessions()).isEqualTo(2);
        assertThat(count(databaseA, "SELECT COUNT(*) FROM flow_inbox")).isZero();
    }

    @Test
    void aSessionFromAPartyTheMembershipListSuspendsOrDoesNotNameIsRefusedAndStartsNoResponder() throws Exception {
        startNodes(FaultPlan.NONE, TalkingFlow.class, ECHO);
        NetworkMembership membership = NetworkMembership.none();
        nodeB.followMembership(membership);
        Behaviour ping = (context, argument) -> context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING,
                argument, FlowCodec.STRING, WAIT_FOR_EVER, notBlank());

        membership.accepted(membershipList(1, MemberStatus.SUSPENDED));
        CompletableFuture<String> suspended = start(unique("suspended"), "hello", ping);
        assertThatThrownBy(() -> suspended.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class)
                .hasMessageContaining("party B on node node-b refuses a session from A: A is suspended in"
                        + " membership list epoch 1");

        membership.accepted(membershipList(2, null));
        CompletableFuture<String> unlisted = start(unique("unlisted"), "hello", ping);
        assertThatThrownBy(() -> unlisted.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .hasCauseInstanceOf(FlowSessionException.class)
                .hasMessageContaining("refuses a session from A: A is not a member in membership list epoch 2");

        assertThat(responderRuns).hasValue(0);
        assertThat(count(databaseB, "SELECT COUNT(*) FROM flow_checkpoint")).as("flows started at B").isZero();
        assertNothingLeftPending();

        membership.accepted(membershipList(3, MemberStatus.ACTIVE));
        assertThat(run(unique("reactivated"), "hello", ping)).isEqualTo("echo hello");
        assertThat(responderRuns).hasValue(1);
    }

    /** A list naming B, and A with {@code statusOfA} (not at all if null), besides the notary and regulator. */
    private static MembershipList membershipList(long epoch, MemberStatus statusOfA) {
        Party notary = new Party("notary", Ed25519.generate().publicKey());
        Party regulator = new Party("regulator", Ed25519.generate().publicKey());
        List<Member> members = new ArrayList<>(List.of(
                new Member("notary", "Notary", null, MemberRole.NOTARY, notary.publicKey(), MemberStatus.ACTIVE,
                        List.of("notary-1:7001")),
                new Member("regulator", "Regulator", null, MemberRole.REGULATOR, regulator.publicKey(),
                        MemberStatus.ACTIVE, List.of()),
                new Member("B", "Bank B", "BANKBBBB", MemberRole.BANK, Ed25519.generate().publicKey(),
                        MemberStatus.ACTIVE, List.of("node-b"))));
        if (statusOfA != null) {
            members.add(new Member("A", "Bank A", "BANKAAAA", MemberRole.BANK, Ed25519.generate().publicKey(),
                    statusOfA, List.of("node-a")));
        }
        return new MembershipList(new NetworkParameters(epoch, notary, List.of("notary-1:7001"), regulator,
                List.of("EUR"), 1024 * 1024, java.time.Instant.parse("2026-11-25T00:00:00Z")), members);
    }

    /** A clock that tests move forward; it starts at the system's time. */
    static final class SteppingClock extends Clock {
        private final java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
                new java.util.concurrent.atomic.AtomicReference<>(java.time.Instant.now());

        void advance(Duration by) {
            now.updateAndGet(instant -> instant.plus(by));
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException("a stepping clock is in UTC");
        }

        @Override
        public java.time.Instant instant() {
            return now.get();
        }
    }

    /** Records every envelope sent, so that a test can send them again later. */
    static final class RecordingTransport implements Transport {
        private final Transport delegate;
        private final List<io.clearline.flows.transport.Envelope> sent =
                java.util.Collections.synchronizedList(new ArrayList<>());

        RecordingTransport(Transport delegate) {
            this.delegate = delegate;
        }

        List<io.clearline.flows.transport.Envelope> sent() {
            synchronized (sent) {
                return List.copyOf(sent);
            }
        }

        long acknowledgements() {
            return sent().stream().filter(envelope -> envelope.kind() == EnvelopeKind.ACK).count();
        }

        @Override
        public void register(String node, java.util.function.Consumer<io.clearline.flows.transport.Envelope> receiver) {
            delegate.register(node, receiver);
        }

        @Override
        public void unregister(String node) {
            delegate.unregister(node);
        }

        @Override
        public boolean send(io.clearline.flows.transport.Envelope envelope) {
            sent.add(envelope);
            return delegate.send(envelope);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Every session closed at both nodes, and no inbox or outbox row left: nothing for anyone to wait on. */
    private void assertNothingLeftPending() throws InterruptedException {
        assertNothingLeftPendingBut(0);
    }

    private void assertNothingLeftPendingBut(long inboxRowsForNobody) throws InterruptedException {
        for (DataSource database : List.of(databaseA, databaseB)) {
            awaitValue(() -> count(database, "SELECT COUNT(*) FROM flow_outbox") == 0 ? Optional.of(true)
                    : Optional.empty());
        }
        assertThat(count(databaseA, "SELECT COUNT(*) FROM flow_inbox") + count(databaseB,
                "SELECT COUNT(*) FROM flow_inbox")).as("inbox rows").isEqualTo(inboxRowsForNobody);
        for (DataSource database : List.of(databaseA, databaseB)) {
            assertThat(count(database, "SELECT COUNT(*) FROM flow_session WHERE session_status <> 'CLOSED'"))
                    .as("sessions not closed").isZero();
        }
    }

    /** Polls until {@code probe} answers, for at most {@link #OUTCOME_WAIT_MAX}. */
    private static <T> T awaitValue(java.util.function.Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + OUTCOME_WAIT_MAX.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nothing came within " + OUTCOME_WAIT_MAX);
            }
            Thread.sleep(20);
        }
    }

    static long count(DataSource database, String sql) {
        try (java.sql.Connection connection = database.getConnection();
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> FlowSession.Validator<T> notBlank() {
        return received -> {
            if (received.toString().isBlank()) {
                throw new Refusal("a blank message");
            }
        };
    }

    private static String unique(String scenario) {
        return scenario + "-" + UUID.randomUUID();
    }

    private static DataSource database() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }
}
