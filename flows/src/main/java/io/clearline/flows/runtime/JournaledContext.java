package io.clearline.flows.runtime;

import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/** One run of one flow: replays {@code journal} in order, then executes and journals. Not thread-safe: one flow, one thread. */
final class JournaledContext implements FlowContext {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String flowId;
    private final int attempt;
    private final UUID softLockId;
    private final List<JournalEntry> journal;
    private final List<JournalEntry> unwritten = new ArrayList<>();
    private final FlowCheckpoints checkpoints;
    private final SoftLocks softLocks;
    private final Clock clock;
    private final int journalEntriesMax;
    private final Supplier<String> killReason;
    private final FlowMessaging messaging;
    private final List<Session> sessions = new ArrayList<>();
    /** Sessions and envelopes kept back like {@link #unwritten}, and written in the same database transaction. */
    private final List<FlowMessaging.SessionRow> unwrittenSessions = new ArrayList<>();
    private final List<Envelope> unwrittenEnvelopes = new ArrayList<>();
    private int nextSequenceNumber;
    /** Where the running (sub)flow's step names start, and which class its sessions name as their initiator. */
    private String stepPrefix = "";
    private String initiatingFlowClass;

    JournaledContext(String flowId, int attempt, List<JournalEntry> journal, FlowCheckpoints checkpoints,
                     SoftLocks softLocks, Clock clock, int journalEntriesMax, Supplier<String> killReason,
                     String flowClass, FlowMessaging messaging) {
        this.initiatingFlowClass = flowClass;
        this.messaging = messaging;
        this.flowId = flowId;
        this.attempt = attempt;
        this.softLockId = FlowRunner.softLockIdOf(flowId);
        this.journal = List.copyOf(journal);
        this.checkpoints = checkpoints;
        this.softLocks = softLocks;
        this.clock = clock;
        this.journalEntriesMax = journalEntriesMax;
        this.killReason = killReason;
        if (this.journal.size() > journalEntriesMax) {
            throw new FlowJournalException("flow " + flowId + " has more than " + journalEntriesMax + " journal entries");
        }
        for (int i = 0; i < this.journal.size(); i++) {
            if (this.journal.get(i).sequenceNumber() != i) {
                throw new FlowJournalException("flow " + flowId + "'s journal has a gap at entry " + i);
            }
        }
    }

    @Override
    public String flowId() {
        return flowId;
    }

    @Override
    public int attempt() {
        return attempt;
    }

    @Override
    public UUID softLockId() {
        return softLockId;
    }

    @Override
    public Instant now() {
        return local(stepPrefix + "now", FlowCodec.INSTANT, clock::instant);
    }

    @Override
    public String randomHex(int byteCount) {
        if (byteCount < 1 || byteCount > FlowRunner.RANDOM_BYTES_MAX) {
            throw new IllegalArgumentException("random bytes are between 1 and " + FlowRunner.RANDOM_BYTES_MAX
                    + ": " + byteCount);
        }
        return local(stepPrefix + "random", FlowCodec.STRING, () -> HexFormat.of().formatHex(randomBytes(byteCount)));
    }

    @Override
    public <T> T await(String name, FlowCodec<T> codec, Operation<T> operation) throws InterruptedException {
        String stepName = stepPrefix + name;
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            return codec.decode(replayed.value());
        }
        String encoded = checkedLength(stepName, codec.encode(operation.run()));
        JournalEntry entry = new JournalEntry(nextSequenceNumber, stepName, encoded);
        unwritten.add(entry);
        // Written before the flow goes on: whatever it does next may be seen outside, and a re-run must
        // then be fed this very result.
        writeUnwritten();
        nextSequenceNumber++;
        return codec.decode(encoded);
    }

    @Override
    public <T> T lockStates(String name, FlowCodec<T> codec, Operation<T> select,
                            Function<T, Collection<StateRef>> lockedRefs) throws InterruptedException {
        String stepName = stepPrefix + name;
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            T selection = codec.decode(replayed.value());
            // Locks live in memory: after a restart they are gone and are taken again; after a hospital
            // retry they are still ours and this refreshes them.
            lockedRefs.apply(selection).forEach(ref -> softLocks.tryLock(ref, softLockId));
            return selection;
        }
        T selection = select.run();
        for (StateRef ref : lockedRefs.apply(selection)) {
            if (!softLocks.isLockedBy(ref, softLockId)) {
                throw new IllegalStateException("flow " + flowId + " selected " + ref
                        + " without locking it under its soft-lock id " + softLockId);
            }
        }
        String encoded = checkedLength(stepName, codec.encode(selection));
        unwritten.add(new JournalEntry(nextSequenceNumber, stepName, encoded));
        nextSequenceNumber++;
        return codec.decode(encoded);
    }

    /**
     * Writes entries kept back (see {@link FlowContext}); the runner calls it when the flow failed, so
     * that a hospital or operator retry replays them.
     */
    void writeUnwritten() {
        if (unwritten.isEmpty() && unwrittenSessions.isEmpty() && unwrittenEnvelopes.isEmpty()) {
            return;
        }
        List<Envelope> envelopes = FlowMessaging.fold(unwrittenEnvelopes);
        List<FlowMessaging.SessionRow> newSessions = List.copyOf(unwrittenSessions);
        Instant now = clock.instant();
        checkpoints.append(flowId, unwritten, now,
                connection -> FlowMessaging.write(connection, flowId, newSessions, envelopes, now));
        unwritten.clear();
        unwrittenSessions.clear();
        unwrittenEnvelopes.clear();
        if (!envelopes.isEmpty()) {
            messaging.dispatch(envelopes);
        }
    }

    // ---- sessions and subflows ------------------------------------------------------------------------

    private static final int SESSION_ID_BYTES = 16;

    @Override
    public FlowSession initiateFlow(String localParty, String counterparty) {
        FlowMessaging connected = requireMessaging();
        if (localParty == null || counterparty == null || localParty.equals(counterparty)) {
            throw new IllegalArgumentException("a session is between two different parties, not " + localParty
                    + " and " + counterparty);
        }
        String counterpartyNode = connected.nodeOf(counterparty);
        Step<String> opened = localStep(stepPrefix + "session.open", FlowCodec.STRING,
                () -> HexFormat.of().formatHex(randomBytes(SESSION_ID_BYTES)));
        Session session = new Session(opened.value(), localParty, counterparty, counterpartyNode, 1, 0);
        if (!opened.replayed()) {
            // Written with the next step, in its transaction: the session exists exactly when its INIT is on its way.
            unwrittenSessions.add(new FlowMessaging.SessionRow(session.sessionId, localParty, counterparty,
                    counterpartyNode));
            unwrittenEnvelopes.add(session.envelope(0, EnvelopeKind.INIT, initiatingFlowClass));
        }
        sessions.add(session);
        return session;
    }

    /** The responder's end of a session its INIT opened: the INIT was message 0, so the first receive is 1. */
    FlowSession acceptSession(String sessionId, String localParty, String counterparty, String counterpartyNode) {
        requireMessaging();
        Session session = new Session(sessionId, localParty, counterparty, counterpartyNode, 0, 1);
        sessions.add(session);
        return session;
    }

    FlowMessaging messaging() {
        return requireMessaging();
    }

    @Override
    public <T> T inlineSubFlow(String name, Flow<T> subflow) throws Exception {
        return inScope(name, initiatingFlowClass, subflow);
    }

    @Override
    public <T> T initiatingSubFlow(String name, Flow<T> subflow) throws Exception {
        return inScope(name, subflow.getClass().getName(), subflow);
    }

    private <T> T inScope(String name, String initiatingClass, Flow<T> subflow) throws Exception {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("a subflow's name is not blank and has no '/': " + name);
        }
        String outerPrefix = stepPrefix;
        String outerInitiatingClass = initiatingFlowClass;
        stepPrefix = outerPrefix + name + "/";
        initiatingFlowClass = initiatingClass;
        try {
            return subflow.call(this);
        } finally {
            stepPrefix = outerPrefix;
            initiatingFlowClass = outerInitiatingClass;
        }
    }

    /**
     * What ending the flow tells its sessions, written in the database transaction that ends it: its
     * unwritten envelopes, and {@code kind} (END, or ERROR with {@code message}) on every session the
     * counterparty has not ended. {@link Closing#dispatch} once that committed.
     */
    Closing closing(EnvelopeKind kind, String message) {
        if (messaging == null) {
            return Closing.NONE;
        }
        List<Envelope> unwrittenSoFar = List.copyOf(unwrittenEnvelopes);
        String payload = FlowMessaging.errorText(message);
        List<Envelope> endings = new ArrayList<>();
        for (Session session : sessions) {
            if (!session.endedByCounterparty) {
                endings.add(session.envelope(session.nextSendSequence, kind, payload));
            }
        }
        List<FlowMessaging.SessionRow> newSessions = List.copyOf(unwrittenSessions);
        Instant now = clock.instant();
        // Decided in the transaction, read by the dispatch after its commit.
        AtomicReference<List<Envelope>> written = new AtomicReference<>(List.of());
        return new Closing(connection -> {
            List<Envelope> envelopes = new ArrayList<>(unwrittenSoFar);
            for (Envelope ending : endings) {
                // A counterparty whose END or ERROR is in the inbox closed its end in the transaction that
                // sent it, and drops whatever comes on the session: this flow's ending would be a wasted
                // outbox row, delivery and acknowledgement.
                // A kill that raced this ending closed the session already and told the counterparty.
                if (!FlowMessaging.endedByCounterparty(connection, ending.sessionId(), ending.senderParty())
                        && !FlowMessaging.isClosed(connection, ending.sessionId(), ending.senderParty())) {
                    envelopes.add(ending);
                }
            }
            List<Envelope> folded = FlowMessaging.fold(envelopes);
            FlowMessaging.write(connection, flowId, newSessions, folded, now);
            FlowMessaging.closeSessionsOf(connection, flowId, now);
            written.set(folded);
        }, () -> messaging.dispatch(written.get()));
    }

    /** Writes that end a flow's sessions, and their delivery after the commit. */
    record Closing(FlowCheckpoints.AlsoInTransaction work, Runnable dispatch) {
        static final Closing NONE = new Closing(FlowCheckpoints.AlsoInTransaction.NOTHING, () -> { });
    }

    private FlowMessaging requireMessaging() {
        if (messaging == null) {
            throw new IllegalStateException("flow " + flowId + " opens a session, but its runner has no transport:"
                    + " connect the runner first");
        }
        return messaging;
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private void send(Session session, String payload) {
        if (session.endedByCounterparty) {
            throw new FlowSessionException("session " + session.sessionId + " was ended by " + session.counterparty
                    + ": nothing more can be sent on it");
        }
        long sequenceNumber = session.nextSendSequence;
        Step<Long> sent = localStep(stepPrefix + "session.send", FlowCodec.LONG, () -> sequenceNumber);
        if (sent.value() != sequenceNumber) {
            throw new FlowJournalException("flow " + flowId + " sends message " + sequenceNumber + " on session "
                    + session.sessionId + " where its journal sent " + sent.value() + ": the flow is not deterministic");
        }
        if (!sent.replayed()) {
            unwrittenEnvelopes.add(session.envelope(sequenceNumber, EnvelopeKind.DATA, payload));
        }
        session.nextSendSequence++;
    }

    private <T> T receive(Session session, FlowCodec<T> codec, Duration timeout, FlowSession.Validator<T> validator)
            throws InterruptedException {
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(FlowMessaging.RECEIVE_TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("a receive waits more than nothing and at most "
                    + FlowMessaging.RECEIVE_TIMEOUT_MAX + ": " + timeout);
        }
        java.util.Objects.requireNonNull(validator, "a received message is validated");
        if (session.endedByCounterparty) {
            throw new FlowSessionException("session " + session.sessionId + " was ended by " + session.counterparty
                    + ": nothing more will come on it");
        }
        String stepName = stepPrefix + "session.receive";
        JournalEntry replayed = beginStep(stepName);
        String outcome;
        if (replayed != null) {
            outcome = replayed.value();
        } else {
            // The counterparty must have what this flow sent before it can answer.
            writeUnwritten();
            Optional<FlowMessaging.InboxMessage> message = messaging.awaitMessage(session.sessionId,
                    session.localParty, session.nextReceiveSequence, timeout);
            outcome = checkedLength(stepName, message.map(ReceiveOutcome::of).orElse(ReceiveOutcome.TIMED_OUT));
            // Kept back like a local step: a re-run that lost it reads the same message from the inbox again.
            unwritten.add(new JournalEntry(nextSequenceNumber, stepName, outcome));
            nextSequenceNumber++;
        }
        return ReceiveOutcome.interpret(outcome, session, codec, validator, timeout);
    }

    /** A receive's outcome as journaled: D (data) or E (error) and its payload, X (ended), T (timed out). */
    private static final class ReceiveOutcome {
        static final String TIMED_OUT = "T";

        static String of(FlowMessaging.InboxMessage message) {
            return switch (message.kind()) {
                case DATA -> "D" + message.payload();
                case ERROR -> "E" + message.payload();
                case END -> "X";
                case INIT, LAST, ACK -> throw new IllegalStateException("an inbox never holds " + message.kind());
            };
        }

        static <T> T interpret(String outcome, Session session, FlowCodec<T> codec,
                               FlowSession.Validator<T> validator, Duration timeout) {
            String who = session.counterparty + " on session " + session.sessionId;
            switch (outcome.isEmpty() ? '?' : outcome.charAt(0)) {
                case 'D' -> {
                    session.nextReceiveSequence++;
                    T value;
                    try {
                        value = codec.decode(outcome.substring(1));
                    } catch (RuntimeException undecodable) {
                        throw new FlowSessionException(who + " sent a message that cannot be decoded: " + undecodable);
                    }
                    validator.validate(value);
                    return value;
                }
                case 'E' -> {
                    session.endedByCounterparty = true;
                    throw new FlowSessionException(who + " failed: " + outcome.substring(1));
                }
                case 'X' -> {
                    session.endedByCounterparty = true;
                    throw new FlowSessionException(who + " ended the session: nothing more will come on it");
                }
                case 'T' -> throw new FlowSessionTimeoutException(who + " sent nothing within " + timeout);
                default -> throw new FlowJournalException("a receive's journaled outcome is unreadable: " + outcome);
            }
        }
    }

    /** One end of a session; only the flow's own thread touches it. */
    private final class Session implements FlowSession {
        private final String sessionId;
        private final String localParty;
        private final String counterparty;
        private final String counterpartyNode;
        private long nextSendSequence;
        private long nextReceiveSequence;
        private boolean endedByCounterparty;

        Session(String sessionId, String localParty, String counterparty, String counterpartyNode,
                long nextSendSequence, long nextReceiveSequence) {
            this.sessionId = sessionId;
            this.localParty = localParty;
            this.counterparty = counterparty;
            this.counterpartyNode = counterpartyNode;
            this.nextSendSequence = nextSendSequence;
            this.nextReceiveSequence = nextReceiveSequence;
        }

        Envelope envelope(long sequenceNumber, EnvelopeKind kind, String payload) {
            return new Envelope(messaging.localNode(), localParty, counterpartyNode, counterparty, sessionId,
                    sequenceNumber, kind, payload.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String sessionId() {
            return sessionId;
        }

        @Override
        public String localParty() {
            return localParty;
        }

        @Override
        public String counterparty() {
            return counterparty;
        }

        @Override
        public <T> void send(FlowCodec<T> codec, T message) {
            JournaledContext.this.send(this, codec.encode(message));
        }

        @Override
        public <T> T receive(FlowCodec<T> codec, Duration timeout, Validator<T> validator) throws InterruptedException {
            return JournaledContext.this.receive(this, codec, timeout, validator);
        }
    }

    private <T> T local(String stepName, FlowCodec<T> codec, Supplier<T> value) {
        return localStep(stepName, codec, value).value();
    }

    /** A step that touches nothing outside this process, kept back until the next write; says whether it was replayed. */
    private <T> Step<T> localStep(String stepName, FlowCodec<T> codec, Supplier<T> value) {
        JournalEntry replayed = beginStep(stepName);
        if (replayed != null) {
            return new Step<>(codec.decode(replayed.value()), true);
        }
        String encoded = checkedLength(stepName, codec.encode(value.get()));
        unwritten.add(new JournalEntry(nextSequenceNumber, stepName, encoded));
        nextSequenceNumber++;
        return new Step<>(codec.decode(encoded), false);
    }

    private record Step<T>(T value, boolean replayed) {
    }

    private String checkedLength(String stepName, String encoded) {
        if (encoded.length() > FlowRunner.JOURNAL_VALUE_CHARS_MAX) {
            throw new FlowJournalException("flow " + flowId + "'s step '" + stepName + "' answered " + encoded.length()
                    + " characters, more than the journal keeps (" + FlowRunner.JOURNAL_VALUE_CHARS_MAX + ")");
        }
        return encoded;
    }

    /** The journal's entry for this step when replaying (and moves past it), or null on new ground. */
    private JournalEntry beginStep(String stepName) {
        String killedBecause = killReason.get();
        if (killedBecause != null) {
            throw new FlowKilledException(flowId, killedBecause);
        }
        if (stepName == null || stepName.isBlank() || stepName.length() > FlowRunner.STEP_NAME_CHARS_MAX) {
            throw new IllegalArgumentException("a step name is 1 to " + FlowRunner.STEP_NAME_CHARS_MAX
                    + " characters: " + stepName);
        }
        if (nextSequenceNumber < journal.size()) {
            JournalEntry entry = journal.get(nextSequenceNumber);
            if (!entry.stepName().equals(stepName)) {
                throw new FlowJournalException("flow " + flowId + " asked for step '" + stepName + "' at position "
                        + nextSequenceNumber + " where its journal holds '" + entry.stepName()
                        + "': the flow is not deterministic");
            }
            nextSequenceNumber++;
            return entry;
        }
        if (nextSequenceNumber >= journalEntriesMax) {
            throw new FlowJournalException("flow " + flowId + " took more than " + journalEntriesMax + " steps");
        }
        return null;
    }
}
