package io.clearline.flows.runtime;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's sessions: its inbox and outbox tables and the pump between them and the transport.
 *
 * <p>Outbound: a flow's envelopes are written to the outbox in the database transaction of its journal
 * entry, handed to the transport once that committed, and resent with backoff until the recipient
 * acknowledges (then the row goes). Inbound: an envelope is stored in the inbox keyed by session,
 * recipient party and sequence number (a duplicate is dropped), then acknowledged; the first envelope
 * of a session starts the responder registered for its initiating flow, its checkpoint written in the
 * same database transaction, under an id derived from the session.
 *
 * <p>Each envelope costs the recipient a commit and the sender another for its acknowledgement, so the
 * session spends as few as it can without weakening either guarantee: acknowledged rows are deleted in
 * groups, a first message rides in its session's INIT and a last one carries its END ({@link #fold}),
 * and a flow sends no END to a counterparty whose own END it holds.
 */
final class FlowMessaging {
    /** Longest a receive may wait: a counterparty silent for longer has gone, and the flow should fail. */
    static final Duration RECEIVE_TIMEOUT_MAX = Duration.ofMinutes(10);
    /** How often the pump looks for envelopes due to be resent. */
    static final Duration RESEND_INTERVAL = Duration.ofMillis(50);
    /** The wait before the first resend; each further resend waits twice as long, up to the maximum. */
    static final Duration RESEND_BACKOFF_INITIAL = Duration.ofMillis(200);
    static final Duration RESEND_BACKOFF_MAX = Duration.ofSeconds(5);
    /**
     * Resends of one envelope before the pump gives up on it (about an hour and a half at the maximum
     * backoff). Its outbox row stays, for an operator, and the next start of the node tries it again.
     */
    static final int RESEND_ATTEMPTS_MAX = 1_000;
    /** Unacknowledged envelopes the pump tracks in memory; past it, the rest wait in the outbox for a rescan. */
    static final int UNACKNOWLEDGED_TRACKED_MAX = 16_384;
    /** Outbox rows read per query when the pump rescans the outbox (at start, after it was full). */
    static final int OUTBOX_PAGE_SIZE = 100;
    /**
     * Acknowledged envelopes whose outbox rows wait for the pump to delete them. Past it, the transport's
     * thread deletes the row itself, one transaction per acknowledgement, rather than hold more keys.
     */
    static final int ACKNOWLEDGED_PENDING_MAX = 16_384;
    /** Outbox rows the pump deletes in one database transaction once their envelopes were acknowledged. */
    static final int ACKNOWLEDGED_DELETE_BATCH_MAX = 256;
    /**
     * How long a closed session's row is kept, so that late duplicates of its messages are recognised and
     * dropped: longer than a sender resends one envelope ({@link #RESEND_ATTEMPTS_MAX} at
     * {@link #RESEND_BACKOFF_MAX}, about 83 minutes). Inbox rows nobody will read (their session is closed,
     * or never opened: its INIT never came) are kept as long, then purged with them. A duplicate later
     * than this is still harmless: an INIT finds its responder's checkpoint, and any other message is kept
     * for nobody until the next purge.
     */
    static final Duration CLOSED_SESSION_RETENTION = Duration.ofHours(2);
    /** How often the pump purges what {@link #CLOSED_SESSION_RETENTION} lets go. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(1);
    /** Rows of each kind (closed sessions, unread inbox rows) one purge transaction deletes at most. */
    static final int PURGE_BATCH_MAX = 500;
    /** Purge transactions in one round at most; what is left waits for the next round. */
    static final int PURGE_BATCHES_PER_ROUND_MAX = 20;
    /** How long a waiting receive sleeps before it looks at the inbox again even without a signal. */
    static final Duration INBOX_RECHECK_INTERVAL = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(FlowMessaging.class);
    private static final String RESPONDER_FLOW_PREFIX = "responder:";

    private final String localNode;
    private final Transport transport;
    private final NetworkMap networkMap;
    private final Jdbc jdbc;
    private final Clock clock;
    private final FlowRunner runner;
    private final java.util.concurrent.Executor executor;
    private final ConcurrentMap<String, Responder> responders = new ConcurrentHashMap<>();
    private final ConcurrentMap<OutboxKey, Unacknowledged> unacknowledged = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, CompletableFuture<Void>> waiters = new ConcurrentHashMap<>();
    /**
     * Deleted in groups by the pump: one commit per acknowledgement was most of a session's cost. A row
     * whose delete is lost in a crash is resent at the next start, and the recipient, which keeps the
     * key (or the closed session), drops it and acknowledges it again.
     */
    private final java.util.concurrent.BlockingQueue<OutboxKey> acknowledgedPending =
            new java.util.concurrent.LinkedBlockingQueue<>(ACKNOWLEDGED_PENDING_MAX);
    /** Released when there is something for the pump to do; an idle pump waits on it and costs nothing. */
    private final java.util.concurrent.Semaphore pumpWork = new java.util.concurrent.Semaphore(0);
    /** Whom responders answer: under a membership list, listed and active parties only. */
    private volatile NetworkMembership membership = NetworkMembership.none();
    private volatile boolean outboxNeedsRescan = true;
    private volatile boolean closed;

    /** Responders are started on {@code executor}, the flows' own. */
    FlowMessaging(String localNode, Transport transport, NetworkMap networkMap, Jdbc jdbc, Clock clock,
                  FlowRunner runner, java.util.concurrent.Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.localNode = Objects.requireNonNull(localNode, "localNode");
        this.transport = Objects.requireNonNull(transport, "transport");
        this.networkMap = Objects.requireNonNull(networkMap, "networkMap");
        this.jdbc = jdbc;
        this.clock = clock;
        this.runner = runner;
    }

    /**
     * Starts taking envelopes and resending what the outbox holds (left by an earlier run too). The pump
     * has a thread of its own, not one of the flow executor's: closing that executor waits for its
     * tasks, and the pump ends only when the node {@link #close closes}.
     */
    void start() {
        transport.register(localNode, this::accept);
        Thread.ofVirtual().name("flow-outbox-pump-" + localNode).start(this::pump);
        pumpWork.release();
    }

    void close() {
        closed = true;
        pumpWork.release();
        transport.unregister(localNode);
    }

    String localNode() {
        return localNode;
    }

    void followMembership(NetworkMembership followed) {
        membership = Objects.requireNonNull(followed, "membership");
    }

    void registerResponder(String initiatingFlowClass, Responder responder) {
        Responder previous = responders.putIfAbsent(initiatingFlowClass, Objects.requireNonNull(responder, "responder"));
        if (previous != null && previous != responder) {
            throw new IllegalStateException("a responder for " + initiatingFlowClass + " is registered");
        }
    }

    String nodeOf(String party) {
        return networkMap.nodeOf(party).orElseThrow(() -> new IllegalArgumentException(
                "the network map knows no node for party " + party));
    }

    // ---- outbound ------------------------------------------------------------------------------------

    /** Between the initiating flow's class and the first message an INIT carries; no class name holds it. */
    private static final char OPENING_SEPARATOR = '\n';

    /** What an INIT says: the initiating flow's class, and the session's first message if it came along. */
    record Opening(String initiatingClass, Optional<String> firstMessage) {
        static Opening of(Envelope init) {
            String payload = new String(init.payload(), StandardCharsets.UTF_8);
            int separator = payload.indexOf(OPENING_SEPARATOR);
            return separator < 0 ? new Opening(payload, Optional.empty())
                    : new Opening(payload.substring(0, separator), Optional.of(payload.substring(separator + 1)));
        }
    }

    /**
     * The envelopes to write and send, with those written together folded where the recipient can store
     * them in one transaction instead of receiving, storing and acknowledging each: a session's first
     * message goes in its INIT (stored with the responder's checkpoint), and a DATA followed by END
     * becomes one LAST.
     */
    static List<Envelope> fold(List<Envelope> envelopes) {
        List<Envelope> folded = new ArrayList<>(envelopes.size());
        for (Envelope envelope : envelopes) {
            if (envelope.kind() == EnvelopeKind.END && envelope.payload().length == 0) {
                int dataIndex = indexOf(folded, EnvelopeKind.DATA, envelope, envelope.sequenceNumber() - 1);
                if (dataIndex >= 0) {
                    Envelope data = folded.get(dataIndex);
                    folded.set(dataIndex, new Envelope(data.senderNode(), data.senderParty(), data.recipientNode(),
                            data.recipientParty(), data.sessionId(), data.sequenceNumber(), EnvelopeKind.LAST,
                            data.payload()));
                    continue;
                }
            }
            if (envelope.kind() == EnvelopeKind.DATA && envelope.sequenceNumber() == 1) {
                int initIndex = indexOf(folded, EnvelopeKind.INIT, envelope, 0);
                if (initIndex >= 0 && Opening.of(folded.get(initIndex)).firstMessage().isEmpty()) {
                    Envelope init = folded.get(initIndex);
                    byte[] opening = (new String(init.payload(), StandardCharsets.UTF_8) + OPENING_SEPARATOR
                            + new String(envelope.payload(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    if (opening.length <= Envelope.PAYLOAD_BYTES_MAX) {
                        folded.set(initIndex, new Envelope(init.senderNode(), init.senderParty(), init.recipientNode(),
                                init.recipientParty(), init.sessionId(), 0, EnvelopeKind.INIT, opening));
                        continue;
                    }
                }
            }
            folded.add(envelope);
        }
        return folded;
    }

    /** Where {@code envelopes} holds the {@code kind} envelope numbered {@code sequenceNumber} on {@code other}'s session, or -1. */
    private static int indexOf(List<Envelope> envelopes, EnvelopeKind kind, Envelope other, long sequenceNumber) {
        for (int i = 0; i < envelopes.size(); i++) {
            Envelope candidate = envelopes.get(i);
            if (candidate.kind() == kind && candidate.sequenceNumber() == sequenceNumber
                    && candidate.sessionId().equals(other.sessionId())
                    && candidate.recipientParty().equals(other.recipientParty())) {
                return i;
            }
        }
        return -1;
    }

    /** In the flow's database transaction: its new sessions and its envelopes, written with its journal entries. */
    static void write(Connection connection, String flowId, List<SessionRow> sessions, List<Envelope> envelopes,
                      java.time.Instant now) throws SQLException {
        if (!sessions.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_session (session_id,"
                    + " local_party, flow_id, counterparty, counterparty_node, session_status, created_at)"
                    + " VALUES (?, ?, ?, ?, ?, 'OPEN', ?)")) {
                for (SessionRow session : sessions) {
                    insert.setString(1, session.sessionId());
                    insert.setString(2, session.localParty());
                    insert.setString(3, flowId);
                    insert.setString(4, session.counterparty());
                    insert.setString(5, session.counterpartyNode());
                    insert.setObject(6, Jdbc.timestamp(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        if (!envelopes.isEmpty()) {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_outbox (session_id,"
                    + " recipient_party, sequence_number, sender_node, sender_party, recipient_node, message_kind,"
                    + " payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Envelope envelope : envelopes) {
                    insert.setString(1, envelope.sessionId());
                    insert.setString(2, envelope.recipientParty());
                    insert.setLong(3, envelope.sequenceNumber());
                    insert.setString(4, envelope.senderNode());
                    insert.setString(5, envelope.senderParty());
                    insert.setString(6, envelope.recipientNode());
                    insert.setString(7, envelope.kind().name());
                    insert.setString(8, new String(envelope.payload(), StandardCharsets.UTF_8));
                    insert.setObject(9, Jdbc.timestamp(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            advanceNextSendSequences(connection, envelopes);
        }
    }

    /**
     * Keeps each session's next sequence number to send with the envelopes that use it up, so that a
     * kill finds it without the flow's live context (a parked flow has none).
     */
    private static void advanceNextSendSequences(Connection connection, List<Envelope> envelopes) throws SQLException {
        Map<List<String>, Long> nextBySession = new java.util.LinkedHashMap<>();
        for (Envelope envelope : envelopes) {
            nextBySession.merge(List.of(envelope.sessionId(), envelope.senderParty()), nextSendSequenceAfter(envelope),
                    Math::max);
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE flow_session SET next_send_sequence = ?"
                + " WHERE session_id = ? AND local_party = ? AND next_send_sequence < ?")) {
            for (Map.Entry<List<String>, Long> session : nextBySession.entrySet()) {
                update.setLong(1, session.getValue());
                update.setString(2, session.getKey().get(0));
                update.setString(3, session.getKey().get(1));
                update.setLong(4, session.getValue());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** The sequence number the sender's next envelope on the session takes once {@code sent} is sent. */
    static long nextSendSequenceAfter(Envelope sent) {
        return switch (sent.kind()) {
            // A folded INIT carries message 1 too.
            case INIT -> Opening.of(sent).firstMessage().isPresent() ? 2 : 1;
            // DATA and the END after it.
            case LAST -> sent.sequenceNumber() + 2;
            case DATA, END, ERROR -> sent.sequenceNumber() + 1;
            case ACK -> throw new IllegalArgumentException("an acknowledgement is no message of the session");
        };
    }

    /**
     * In the database transaction that ends a flow: its sessions are closed (late duplicates for them
     * are dropped from now on) and what its inbox still holds for them goes.
     */
    static void closeSessionsOf(Connection connection, String flowId, java.time.Instant now) throws SQLException {
        // Sessions first: closing locks their rows, which an envelope being stored for them holds until it
        // commits (see store), so the delete below sees every row stored before the close and none comes after.
        try (PreparedStatement close = connection.prepareStatement("UPDATE flow_session SET session_status = 'CLOSED',"
                     + " closed_at = ? WHERE flow_id = ? AND session_status = 'OPEN'");
             PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_inbox WHERE EXISTS (SELECT 1"
                + " FROM flow_session s WHERE s.flow_id = ? AND s.session_id = flow_inbox.session_id"
                + " AND s.local_party = flow_inbox.recipient_party)")) {
            close.setObject(1, Jdbc.timestamp(now));
            close.setString(2, flowId);
            close.executeUpdate();
            delete.setString(1, flowId);
            delete.executeUpdate();
        }
    }

    /** Whether this side's end of the session is closed: its flow ended, or was killed. */
    static boolean isClosed(Connection connection, String sessionId, String localParty) throws SQLException {
        return "CLOSED".equals(sessionStatus(connection, sessionId, localParty));
    }

    /** A session of a flow being killed, locked, with what its ERROR needs. */
    record OpenSession(String sessionId, String localParty, String counterparty, String counterpartyNode,
                       long nextSendSequence) {
    }

    /**
     * In the database transaction that kills a flow, before its checkpoint is locked (the order in which
     * the flow's own writes lock them, so the two cannot deadlock): the flow's open sessions, locked, so
     * that an envelope the flow is writing now either committed before (and its number is read) or
     * comes after the kill's ERROR (and collides with it, failing the flow's write).
     */
    static List<OpenSession> lockOpenSessionsOf(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT session_id, local_party, counterparty,"
                + " counterparty_node, next_send_sequence FROM flow_session WHERE flow_id = ?"
                + " AND session_status = 'OPEN' ORDER BY session_id, local_party FOR UPDATE")) {
            query.setString(1, flowId);
            List<OpenSession> sessions = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sessions.add(new OpenSession(rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getLong(5)));
                }
            }
            return sessions;
        }
    }

    /**
     * In the database transaction that kills a flow, once its checkpoint says KILLED: an ERROR saying why
     * on each of {@code sessions} the counterparty has not ended, numbered as the receive waiting for the
     * flow's next message expects, written to the outbox; then the flow's sessions are closed.
     *
     * @return the ERRORs written, to {@link #dispatch} once the transaction committed
     */
    List<Envelope> writeKilled(Connection connection, String flowId, List<OpenSession> sessions, String message,
                               java.time.Instant now) throws SQLException {
        byte[] payload = errorText(message).getBytes(StandardCharsets.UTF_8);
        List<Envelope> errors = new ArrayList<>(sessions.size());
        for (OpenSession session : sessions) {
            if (!endedByCounterparty(connection, session.sessionId(), session.localParty())) {
                errors.add(new Envelope(localNode, session.localParty(), session.counterpartyNode(),
                        session.counterparty(), session.sessionId(), session.nextSendSequence(), EnvelopeKind.ERROR,
                        payload));
            }
        }
        write(connection, flowId, List.of(), errors, now);
        closeSessionsOf(connection, flowId, now);
        return errors;
    }

    /** Characters of a flow's error message that reach its counterparties. */
    static final int ERROR_MESSAGE_CHARS_MAX = 2_000;

    /** A flow's error message as its counterparties get it: cut to {@link #ERROR_MESSAGE_CHARS_MAX}. */
    static String errorText(String message) {
        return message == null ? "" : message.length() > ERROR_MESSAGE_CHARS_MAX
                ? message.substring(0, ERROR_MESSAGE_CHARS_MAX) : message;
    }

    /** Whether the inbox holds the counterparty's END or ERROR on the session: it has closed its end. */
    static boolean endedByCounterparty(Connection connection, String sessionId, String localParty) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM flow_inbox WHERE session_id = ?"
                + " AND recipient_party = ? AND message_kind IN ('END', 'ERROR') FETCH FIRST 1 ROWS ONLY")) {
            query.setString(1, sessionId);
            query.setString(2, localParty);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** After the transaction that wrote them committed: hands the envelopes to the transport and tracks them until acknowledged. */
    void dispatch(List<Envelope> envelopes) {
        for (Envelope envelope : envelopes) {
            if (track(envelope)) {
                transport.send(envelope);
            }
        }
        pumpWork.release();
    }

    private boolean track(Envelope envelope) {
        if (unacknowledged.size() >= UNACKNOWLEDGED_TRACKED_MAX) {
            // Durable in the outbox: a rescan picks it up once there is room again.
            outboxNeedsRescan = true;
            return false;
        }
        unacknowledged.putIfAbsent(OutboxKey.of(envelope), new Unacknowledged(envelope, System.nanoTime()));
        return true;
    }

    private void pump() {
        long nextPurgeNanos = System.nanoTime() + PURGE_INTERVAL.toNanos();
        while (!closed) {
            try {
                if (outboxNeedsRescan && unacknowledged.size() < UNACKNOWLEDGED_TRACKED_MAX / 2) {
                    outboxNeedsRescan = false;
                    rescanOutbox();
                }
                deleteAcknowledged();
                resendDue();
                if (System.nanoTime() - nextPurgeNanos >= 0) {
                    nextPurgeNanos = System.nanoTime() + PURGE_INTERVAL.toNanos();
                    int purged = purge(jdbc, clock.instant());
                    if (purged > 0) {
                        LOG.debug("node {} purged {} closed sessions and unread inbox rows", localNode, purged);
                    }
                }
                if (!acknowledgedPending.isEmpty()) {
                    continue;
                }
                if (unacknowledged.isEmpty() && !outboxNeedsRescan) {
                    pumpWork.tryAcquire(PURGE_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
                } else {
                    pumpWork.tryAcquire(RESEND_INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
                }
                pumpWork.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // The database may be away for a while: the outbox keeps everything, a later round retries.
                outboxNeedsRescan = true;
                LOG.debug("outbox pump of node {}: {}", localNode, e.toString());
                sleepQuietly(RESEND_BACKOFF_MAX);
            }
        }
    }

    private void resendDue() {
        long now = System.nanoTime();
        for (Map.Entry<OutboxKey, Unacknowledged> entry : unacknowledged.entrySet()) {
            Unacknowledged pending = entry.getValue();
            if (now < pending.dueNanos) {
                continue;
            }
            if (pending.resends >= RESEND_ATTEMPTS_MAX) {
                unacknowledged.remove(entry.getKey(), pending);
                LOG.error("node {} gave up resending {} after {} attempts; it stays in the outbox for an operator",
                        localNode, pending.envelope, RESEND_ATTEMPTS_MAX);
                continue;
            }
            pending.resends++;
            pending.dueNanos = now + backoff(pending.resends).toNanos();
            transport.send(pending.envelope);
        }
    }

    /**
     * Deletes closed sessions, and inbox rows whose session is closed or unknown, that are older than
     * {@link #CLOSED_SESSION_RETENTION} at {@code now}: at most {@link #PURGE_BATCH_MAX} of each per
     * transaction and {@link #PURGE_BATCHES_PER_ROUND_MAX} transactions. Messages of open sessions are
     * never purged, however old: a parked flow retried later still reads them.
     *
     * @return rows deleted
     */
    static int purge(Jdbc jdbc, java.time.Instant now) {
        java.time.Instant cutoff = now.minus(CLOSED_SESSION_RETENTION);
        int deleted = 0;
        for (int batch = 0; batch < PURGE_BATCHES_PER_ROUND_MAX; batch++) {
            int[] batchDeleted = jdbc.inTransaction(connection -> new int[] {purgeClosedSessions(connection, cutoff),
                    purgeUnreadMessages(connection, cutoff)});
            deleted += batchDeleted[0] + batchDeleted[1];
            if (batchDeleted[0] < PURGE_BATCH_MAX && batchDeleted[1] < PURGE_BATCH_MAX) {
                break;
            }
        }
        return deleted;
    }

    /** Sessions closed before {@code cutoff}; one an earlier version closed without a time counts from its opening. */
    private static int purgeClosedSessions(Connection connection, java.time.Instant cutoff) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT session_id, local_party FROM flow_session"
                + " WHERE session_status = 'CLOSED' AND (closed_at < ? OR (closed_at IS NULL AND created_at < ?))"
                + " FETCH FIRST ? ROWS ONLY")) {
            query.setObject(1, Jdbc.timestamp(cutoff));
            query.setObject(2, Jdbc.timestamp(cutoff));
            query.setInt(3, PURGE_BATCH_MAX);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new String[] {rows.getString(1), rows.getString(2)});
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_session WHERE session_id = ?"
                + " AND local_party = ? AND session_status = 'CLOSED'")) {
            for (String[] key : keys) {
                delete.setString(1, key[0]);
                delete.setString(2, key[1]);
                delete.addBatch();
            }
            if (!keys.isEmpty()) {
                delete.executeBatch();
            }
        }
        return keys.size();
    }

    /** Inbox rows received before {@code cutoff} for a session that is not open here: nobody will read them. */
    private static int purgeUnreadMessages(Connection connection, java.time.Instant cutoff) throws SQLException {
        List<OutboxKey> keys = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT session_id, recipient_party, sequence_number"
                + " FROM flow_inbox i WHERE received_at < ? AND NOT EXISTS (SELECT 1 FROM flow_session s"
                + " WHERE s.session_id = i.session_id AND s.local_party = i.recipient_party"
                + " AND s.session_status = 'OPEN') FETCH FIRST ? ROWS ONLY")) {
            query.setObject(1, Jdbc.timestamp(cutoff));
            query.setInt(2, PURGE_BATCH_MAX);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    keys.add(new OutboxKey(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_inbox WHERE session_id = ?"
                + " AND recipient_party = ? AND sequence_number = ?")) {
            for (OutboxKey key : keys) {
                delete.setString(1, key.sessionId());
                delete.setString(2, key.recipientParty());
                delete.setLong(3, key.sequenceNumber());
                delete.addBatch();
            }
            if (!keys.isEmpty()) {
                delete.executeBatch();
            }
        }
        return keys.size();
    }

    /** Doubling from the initial wait, capped. */
    static Duration backoff(int resends) {
        long factor = 1L << Math.min(Math.max(resends - 1, 0), 20);
        long millis = Math.min(RESEND_BACKOFF_INITIAL.toMillis() * factor, RESEND_BACKOFF_MAX.toMillis());
        return Duration.ofMillis(millis);
    }

    private void rescanOutbox() {
        String afterSession = "";
        String afterParty = "";
        long afterSequence = -1;
        while (unacknowledged.size() < UNACKNOWLEDGED_TRACKED_MAX) {
            List<Envelope> page = outboxPage(afterSession, afterParty, afterSequence);
            for (Envelope envelope : page) {
                if (!track(envelope)) {
                    return;
                }
            }
            if (page.size() < OUTBOX_PAGE_SIZE) {
                return;
            }
            Envelope last = page.get(page.size() - 1);
            afterSession = last.sessionId();
            afterParty = last.recipientParty();
            afterSequence = last.sequenceNumber();
        }
    }

    /** Keyset paging in key order; a rescan resends everything it finds at the next round. */
    private List<Envelope> outboxPage(String afterSession, String afterParty, long afterSequence) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + OUTBOX_COLUMNS
                    + " FROM flow_outbox WHERE session_id > ? OR (session_id = ? AND (recipient_party > ?"
                    + " OR (recipient_party = ? AND sequence_number > ?)))"
                    + " ORDER BY session_id, recipient_party, sequence_number FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, afterSession);
                query.setString(2, afterSession);
                query.setString(3, afterParty);
                query.setString(4, afterParty);
                query.setLong(5, afterSequence);
                query.setInt(6, OUTBOX_PAGE_SIZE);
                return outboxEnvelopes(query);
            }
        });
    }

    private static final String OUTBOX_COLUMNS = "session_id, recipient_party, sequence_number, sender_node,"
            + " sender_party, recipient_node, message_kind, payload";

    /** The outbox rows {@code query} selects, in {@link #OUTBOX_COLUMNS} order, as envelopes. */
    private static List<Envelope> outboxEnvelopes(PreparedStatement query) throws SQLException {
        List<Envelope> envelopes = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                envelopes.add(new Envelope(rows.getString(4), rows.getString(5), rows.getString(6),
                        rows.getString(2), rows.getString(1), rows.getLong(3),
                        EnvelopeKind.valueOf(rows.getString(7)),
                        rows.getString(8).getBytes(StandardCharsets.UTF_8)));
            }
        }
        return envelopes;
    }

    // ---- inbound -------------------------------------------------------------------------------------

    /**
     * On the transport's thread: stores, wakes the receive waiting for it or starts a responder, then
     * acknowledges. Safe to interrupt anywhere: an envelope is acknowledged only once its transaction
     * committed and it was acted on; an envelope whose store failed, or whose commit's outcome was lost,
     * is not acknowledged, and its resend is dropped as a duplicate or (an INIT whose responder has not
     * run) acted on then.
     */
    private void accept(Envelope envelope) {
        if (closed) {
            return;
        }
        if (envelope.kind() == EnvelopeKind.ACK) {
            acknowledged(envelope);
            return;
        }
        Acceptance acceptance;
        List<Envelope> refusals = new ArrayList<>(1);
        try {
            acceptance = jdbc.inTransaction(connection -> {
                refusals.clear();
                return store(connection, envelope, refusals);
            });
        } catch (Jdbc.LedgerStorageException e) {
            if (!Jdbc.isIntegrityViolation(e)) {
                throw e;
            }
            // A duplicate stored concurrently: the key refused the second copy.
            acceptance = Acceptance.DUPLICATE;
            refusals.clear();
        }
        // Acted on before it is acknowledged: an acknowledgement that never leaves (its sending refused or
        // interrupted) then costs a resend, never the action. An action that fails (the flow executor is
        // closing) leaves the envelope unacknowledged, and its resend, a duplicate, acts again.
        switch (acceptance) {
            case STORED -> wake(envelope.sessionId(), envelope.recipientParty());
            case STARTS_RESPONDER -> startResponder(envelope);
            case REFUSED -> dispatch(refusals);
            case DUPLICATE -> { }
        }
        transport.send(envelope.acknowledgement());
    }

    /** Stops resending at once; the outbox row goes with the pump's next group of deletes. */
    private void acknowledged(Envelope ack) {
        OutboxKey key = new OutboxKey(ack.sessionId(), ack.senderParty(), ack.sequenceNumber());
        unacknowledged.remove(key);
        if (acknowledgedPending.offer(key)) {
            pumpWork.release();
        } else {
            deleteFromOutbox(List.of(key));
        }
    }

    /** On the pump's thread: deletes the acknowledged envelopes' rows, a batch per transaction. */
    private void deleteAcknowledged() {
        List<OutboxKey> batch = new ArrayList<>(ACKNOWLEDGED_DELETE_BATCH_MAX);
        while (acknowledgedPending.drainTo(batch, ACKNOWLEDGED_DELETE_BATCH_MAX) > 0) {
            deleteFromOutbox(batch);
            batch.clear();
        }
    }

    private void deleteFromOutbox(List<OutboxKey> keys) {
        jdbc.inTransaction(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_outbox"
                    + " WHERE session_id = ? AND recipient_party = ? AND sequence_number = ?")) {
                for (OutboxKey key : keys) {
                    delete.setString(1, key.sessionId());
                    delete.setString(2, key.recipientParty());
                    delete.setLong(3, key.sequenceNumber());
                    delete.addBatch();
                }
                return delete.executeBatch();
            }
        });
    }

    private enum Acceptance { STORED, STARTS_RESPONDER, REFUSED, DUPLICATE }

    /** Stores {@code envelope}; a session it refuses adds its ERROR to {@code refusals}, written to the outbox. */
    private Acceptance store(Connection connection, Envelope envelope, List<Envelope> refusals) throws SQLException {
        // Locked: read without a lock, an OPEN session could be closed (its inbox emptied) before this
        // envelope's row is written, leaving a row nobody reads until the purge.
        String status = sessionStatusLocked(connection, envelope.sessionId(), envelope.recipientParty());
        if ("CLOSED".equals(status)) {
            if (envelope.kind() == EnvelopeKind.INIT) {
                // A session refused (or ended) with an ERROR its initiator has not acknowledged: this may be
                // the INIT's resend after a refusal whose commit's answer was lost, the ERROR never sent.
                List<Envelope> unacknowledged = openingError(connection, envelope);
                if (!unacknowledged.isEmpty()) {
                    refusals.addAll(unacknowledged);
                    return Acceptance.REFUSED;
                }
            }
            return Acceptance.DUPLICATE;
        }
        if (status == null && FlowCheckpoints.exists(connection, responderFlowId(envelope))) {
            // Its responder ran, and the closed session was purged since: a late duplicate, not a new session.
            return Acceptance.DUPLICATE;
        }
        if (envelope.kind() == EnvelopeKind.INIT) {
            if (status != null) {
                // The session is open, so this INIT was stored before, with its responder's checkpoint. Its
                // responder may never have started: the transaction committed but its caller was told it
                // failed (a connection broken, or interrupted, during the commit), so the envelope went
                // unacknowledged and this is the resend. Start it again; a running one is joined instead.
                return FlowCheckpoints.isRunnable(connection, responderFlowId(envelope))
                        ? Acceptance.STARTS_RESPONDER : Acceptance.DUPLICATE;
            }
            Opening opening = Opening.of(envelope);
            Optional<String> notACounterparty = membership.refusalOf(envelope.senderParty());
            if (notACounterparty.isPresent()) {
                refusals.add(refuseSession(connection, envelope, "party " + envelope.recipientParty() + " on node "
                        + localNode + " refuses a session from " + envelope.senderParty() + ": "
                        + notACounterparty.get()));
                return Acceptance.REFUSED;
            }
            if (!responders.containsKey(opening.initiatingClass())) {
                refusals.add(refuseSession(connection, envelope, "party " + envelope.recipientParty() + " on node "
                        + localNode + " has no responder for " + opening.initiatingClass()));
                return Acceptance.REFUSED;
            }
            ResponderFlow responder = ResponderFlow.of(envelope, opening.initiatingClass());
            String flowId = responderFlowId(envelope);
            write(connection, flowId, List.of(new SessionRow(envelope.sessionId(), envelope.recipientParty(),
                    envelope.senderParty(), envelope.senderNode())), List.of(), clock.instant());
            FlowCheckpoints.insertAdmitted(connection, flowId, ResponderFlow.class.getName(),
                    ResponderFlow.ARGUMENTS.encode(responder), clock.instant());
            if (opening.firstMessage().isPresent()) {
                insertIntoInbox(connection, envelope.sessionId(), envelope.recipientParty(), 1, EnvelopeKind.DATA,
                        opening.firstMessage().get());
            }
            return Acceptance.STARTS_RESPONDER;
        }
        if (envelope.kind() == EnvelopeKind.LAST) {
            boolean stored = insertIntoInbox(connection, envelope.sessionId(), envelope.recipientParty(),
                    envelope.sequenceNumber(), EnvelopeKind.DATA, new String(envelope.payload(), StandardCharsets.UTF_8));
            boolean endStored = insertIntoInbox(connection, envelope.sessionId(), envelope.recipientParty(),
                    envelope.sequenceNumber() + 1, EnvelopeKind.END, "");
            return stored || endStored ? Acceptance.STORED : Acceptance.DUPLICATE;
        }
        return insertIntoInbox(connection, envelope.sessionId(), envelope.recipientParty(), envelope.sequenceNumber(),
                envelope.kind(), new String(envelope.payload(), StandardCharsets.UTF_8))
                ? Acceptance.STORED : Acceptance.DUPLICATE;
    }

    /** The ERROR answering {@code init} (numbered 0: its session's first message back) if the outbox still holds it. */
    private static List<Envelope> openingError(Connection connection, Envelope init) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + OUTBOX_COLUMNS + " FROM flow_outbox"
                + " WHERE session_id = ? AND recipient_party = ? AND sequence_number = 0 AND message_kind = 'ERROR'")) {
            query.setString(1, init.sessionId());
            query.setString(2, init.senderParty());
            return outboxEnvelopes(query);
        }
    }

    /** Stores a message unless the inbox holds its key already; says whether it did. */
    private boolean insertIntoInbox(Connection connection, String sessionId, String recipientParty,
                                    long sequenceNumber, EnvelopeKind kind, String payload) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_inbox (session_id,"
                + " recipient_party, sequence_number, message_kind, payload, received_at)"
                + " SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (0)) AS one_row (unused) WHERE NOT EXISTS (SELECT 1"
                + " FROM flow_inbox WHERE session_id = ? AND recipient_party = ? AND sequence_number = ?)")) {
            insert.setString(1, sessionId);
            insert.setString(2, recipientParty);
            insert.setLong(3, sequenceNumber);
            insert.setString(4, kind.name());
            insert.setString(5, payload);
            insert.setObject(6, Jdbc.timestamp(clock.instant()));
            insert.setString(7, sessionId);
            insert.setString(8, recipientParty);
            insert.setLong(9, sequenceNumber);
            return insert.executeUpdate() == 1;
        }
    }

    private static String sessionStatus(Connection connection, String sessionId, String localParty)
            throws SQLException {
        return sessionStatus(connection, sessionId, localParty, "");
    }

    /** As {@link #sessionStatus(Connection, String, String)}, the row locked until the transaction ends. */
    private static String sessionStatusLocked(Connection connection, String sessionId, String localParty)
            throws SQLException {
        return sessionStatus(connection, sessionId, localParty, " FOR UPDATE");
    }

    private static String sessionStatus(Connection connection, String sessionId, String localParty, String lock)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT session_status FROM flow_session"
                + " WHERE session_id = ? AND local_party = ?" + lock)) {
            query.setString(1, sessionId);
            query.setString(2, localParty);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        }
    }

    static String responderFlowId(Envelope init) {
        return RESPONDER_FLOW_PREFIX + init.sessionId() + ":" + init.recipientParty();
    }

    /**
     * Runs the responder from the checkpoint stored with its INIT, if that is still RUNNABLE: as often as
     * the INIT comes (a running responder is joined), and never afresh once it ended.
     */
    private void startResponder(Envelope init) {
        String flowId = responderFlowId(init);
        // Not on the transport's thread: starting may wait for room among the running flows.
        executor.execute(() -> {
            runner.resumeRunnable(flowId, ResponderFlow.of(init, Opening.of(init).initiatingClass()))
                    .exceptionally(failure -> {
                        LOG.debug("responder {} ended with {}", flowId, failure.toString());
                        return null;
                    });
        });
    }

    /**
     * In the transaction that stores {@code init}: refuses the session it opens with an ERROR saying
     * {@code why}, written to the outbox (resent until the initiator acknowledges, like any message; the
     * initiator would wait out its receive otherwise). The session is recorded as closed at once, under the
     * flow id its responder would have had (no checkpoint has it), so that duplicates of the INIT and
     * whatever else comes on the session are dropped, not answered again.
     *
     * @return the ERROR, to {@link #dispatch} once the transaction committed
     */
    private Envelope refuseSession(Connection connection, Envelope init, String why) throws SQLException {
        LOG.warn("refused session {}: {}", init.sessionId(), why);
        Envelope refusal = new Envelope(localNode, init.recipientParty(), init.senderNode(), init.senderParty(),
                init.sessionId(), 0, EnvelopeKind.ERROR, errorText(why).getBytes(StandardCharsets.UTF_8));
        String flowId = responderFlowId(init);
        java.time.Instant now = clock.instant();
        write(connection, flowId, List.of(new SessionRow(init.sessionId(), init.recipientParty(), init.senderParty(),
                init.senderNode())), List.of(refusal), now);
        closeSessionsOf(connection, flowId, now);
        return refusal;
    }

    /** A message as the inbox holds it. */
    record InboxMessage(EnvelopeKind kind, String payload) {
    }

    /**
     * Waits for the message with {@code sequenceNumber} on the session, up to {@code timeout}.
     *
     * @return empty if it did not come in time
     */
    Optional<InboxMessage> awaitMessage(String sessionId, String localParty, long sequenceNumber, Duration timeout)
            throws InterruptedException {
        String key = sessionId + "\u0000" + localParty;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            CompletableFuture<Void> signal = waiters.computeIfAbsent(key, ignored -> new CompletableFuture<>());
            Optional<InboxMessage> message = readInbox(sessionId, localParty, sequenceNumber);
            long left = deadline - System.nanoTime();
            if (message.isPresent() || left <= 0) {
                return message;
            }
            try {
                signal.get(Math.min(left, INBOX_RECHECK_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | java.util.concurrent.ExecutionException ignored) {
                // Look again: the recheck interval passed, or the deadline did.
            }
        }
    }

    private void wake(String sessionId, String localParty) {
        CompletableFuture<Void> signal = waiters.remove(sessionId + "\u0000" + localParty);
        if (signal != null) {
            signal.complete(null);
        }
    }

    private Optional<InboxMessage> readInbox(String sessionId, String localParty, long sequenceNumber) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT message_kind, payload FROM flow_inbox"
                    + " WHERE session_id = ? AND recipient_party = ? AND sequence_number = ?")) {
                query.setString(1, sessionId);
                query.setString(2, localParty);
                query.setLong(3, sequenceNumber);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new InboxMessage(EnvelopeKind.valueOf(rows.getString(1)), rows.getString(2)))
                            : Optional.<InboxMessage>empty();
                }
            }
        });
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A session a flow opened or accepted, written with the journal entry or checkpoint that made it. */
    record SessionRow(String sessionId, String localParty, String counterparty, String counterpartyNode) {
    }

    private record OutboxKey(String sessionId, String recipientParty, long sequenceNumber) {
        static OutboxKey of(Envelope envelope) {
            return new OutboxKey(envelope.sessionId(), envelope.recipientParty(), envelope.sequenceNumber());
        }
    }

    /** An envelope handed to the transport and not yet acknowledged; only the pump thread changes its counters. */
    private static final class Unacknowledged {
        private final Envelope envelope;
        private long dueNanos;
        private int resends;

        Unacknowledged(Envelope envelope, long sentNanos) {
            this.envelope = envelope;
            this.dueNanos = sentNanos + RESEND_BACKOFF_INITIAL.toNanos();
        }
    }

    /** A responder, run as a durable flow: its arguments name the session, so a restart finds it again. */
    static final class ResponderFlow implements Flow<String> {
        static final FlowCodec<ResponderFlow> ARGUMENTS = FlowCodec.STRINGS.map(
                flow -> List.of(flow.initiatingClass, flow.sessionId, flow.localParty, flow.counterparty,
                        flow.counterpartyNode),
                fields -> new ResponderFlow(fields.get(0), fields.get(1), fields.get(2), fields.get(3), fields.get(4)));

        private final String initiatingClass;
        private final String sessionId;
        private final String localParty;
        private final String counterparty;
        private final String counterpartyNode;

        private ResponderFlow(String initiatingClass, String sessionId, String localParty, String counterparty,
                              String counterpartyNode) {
            this.initiatingClass = initiatingClass;
            this.sessionId = sessionId;
            this.localParty = localParty;
            this.counterparty = counterparty;
            this.counterpartyNode = counterpartyNode;
        }

        static ResponderFlow of(Envelope init, String initiatingClass) {
            return new ResponderFlow(initiatingClass, init.sessionId(), init.recipientParty(), init.senderParty(),
                    init.senderNode());
        }

        @Override
        public String call(FlowContext context) throws Exception {
            if (!(context instanceof JournaledContext journaled)) {
                throw new IllegalStateException("a responder runs in the flow runner's own context");
            }
            FlowSession session = journaled.acceptSession(sessionId, localParty, counterparty, counterpartyNode);
            journaled.messaging().respond(initiatingClass, context, session);
            return "responded";
        }
    }

    void respond(String initiatingClass, FlowContext context, FlowSession session) throws Exception {
        Responder responder = responders.get(initiatingClass);
        if (responder == null) {
            throw new IllegalStateException("no responder is registered for " + initiatingClass);
        }
        responder.respond(context, session);
    }
}
