package io.clearline.flows.runtime;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The checkpoint and journal tables: every status change is one conditional update, so races resolve in the database. */
final class FlowCheckpoints {
    /** Characters of an error message kept in a checkpoint; the rest is cut, since stack traces belong in logs. */
    static final int LAST_ERROR_CHARS_MAX = 2_000;

    private static final String COLUMNS = "flow_id, flow_class, arguments, flow_status, attempts, last_error, flow_result,"
            + " created_at, updated_at";

    private final Jdbc jdbc;

    /** More writes that belong in the same database transaction as a checkpoint's (a flow's outbox rows, say). */
    @FunctionalInterface
    interface AlsoInTransaction {
        AlsoInTransaction NOTHING = connection -> { };

        void write(Connection connection) throws SQLException;
    }

    FlowCheckpoints(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A checkpoint row in full. */
    record Checkpoint(String flowId, String flowClass, String arguments, FlowStatus status, int attempts,
                      String lastError, String result, Instant createdAt, Instant updatedAt) {
        FlowSummary summary() {
            return new FlowSummary(flowId, flowClass, status, attempts, lastError, createdAt, updatedAt);
        }
    }

    /** What starting a flow id finds. */
    sealed interface Admission permits Run, Completed, Parked, Reused {
    }

    /** Run it: a new flow, a crashed one resumed, or a failed or killed one started afresh. */
    record Run(int attempt) implements Admission {
    }

    record Completed(String result) implements Admission {
    }

    record Parked(String lastError) implements Admission {
    }

    record Reused(String explanation) implements Admission {
    }

    /**
     * Admits a start under {@code flowId}. A new id gets a RUNNABLE checkpoint. A RUNNABLE one not
     * running in this process was left by a crash and is resumed (its journal kept). A FAILED or KILLED
     * one starts afresh with these arguments (its journal deleted). The row is locked meanwhile.
     */
    Admission admitStart(String flowId, String flowClass, String arguments, Instant now) {
        return jdbc.inTransaction(connection -> {
            Optional<Checkpoint> existing = find(connection, flowId, true);
            if (existing.isEmpty()) {
                insert(connection, flowId, flowClass, arguments, now, 1);
                return new Run(1);
            }
            Checkpoint checkpoint = existing.get();
            boolean startsAfresh = checkpoint.status() == FlowStatus.FAILED || checkpoint.status() == FlowStatus.KILLED;
            if (!checkpoint.flowClass().equals(flowClass)) {
                return new Reused("it belongs to a flow of class " + checkpoint.flowClass());
            }
            if (!startsAfresh && !checkpoint.arguments().equals(arguments)) {
                return new Reused("it is " + checkpoint.status() + " with other arguments");
            }
            return switch (checkpoint.status()) {
                case COMPLETED -> new Completed(checkpoint.result());
                case PARKED -> new Parked(checkpoint.lastError());
                case RUNNABLE -> new Run(nextAttempt(connection, flowId, FlowStatus.RUNNABLE, now));
                case FAILED, KILLED -> {
                    deleteJournal(connection, flowId);
                    restart(connection, flowId, arguments, now);
                    yield new Run(1);
                }
            };
        });
    }

    /** Makes a PARKED flow RUNNABLE again, one attempt more; empty if it was not parked. */
    Optional<Integer> unpark(String flowId, Instant now) {
        return nextAttemptIf(flowId, FlowStatus.PARKED, now);
    }

    /**
     * Admits a RUNNABLE flow to run again, one attempt more, and nothing else: a flow that ended (or was
     * parked) meanwhile stays as it is. Empty if it was not RUNNABLE.
     */
    Optional<Integer> admitRunnable(String flowId, Instant now) {
        return nextAttemptIf(flowId, FlowStatus.RUNNABLE, now);
    }

    private Optional<Integer> nextAttemptIf(String flowId, FlowStatus from, Instant now) {
        return jdbc.inTransaction(connection -> {
            Optional<Checkpoint> existing = find(connection, flowId, true);
            if (existing.isEmpty() || existing.get().status() != from) {
                return Optional.<Integer>empty();
            }
            return Optional.of(nextAttempt(connection, flowId, from, now));
        });
    }

    /** In the caller's database transaction: whether a checkpoint has this id and says RUNNABLE. */
    static boolean isRunnable(Connection connection, String flowId) throws SQLException {
        return find(connection, flowId, false).filter(found -> found.status() == FlowStatus.RUNNABLE).isPresent();
    }

    Optional<Checkpoint> find(String flowId) {
        return jdbc.inTransaction(connection -> find(connection, flowId, false));
    }

    /** RUNNABLE checkpoints with ids after {@code afterFlowId}, in id order: keyset paging for start-up. */
    List<Checkpoint> runnableAfter(String afterFlowId, int limit) {
        Page.checkPageSize(limit);
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM flow_checkpoint"
                    + " WHERE flow_status = ? AND flow_id > ? ORDER BY flow_id FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, FlowStatus.RUNNABLE.name());
                query.setString(2, afterFlowId);
                query.setInt(3, limit);
                return checkpoints(query);
            }
        });
    }

    /** One page of the flows in a status, oldest first; {@code hasMore} says whether another page follows. */
    Page<FlowSummary> list(FlowStatus status, int pageNumber, int pageSize) {
        Page.checkPageSize(pageSize);
        if (pageNumber < 0) {
            throw new IllegalArgumentException("a page number is not negative: " + pageNumber);
        }
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM flow_checkpoint"
                    + " WHERE flow_status = ? ORDER BY created_at, flow_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                query.setString(1, status.name());
                query.setLong(2, (long) pageNumber * pageSize);
                query.setInt(3, pageSize + 1);
                List<FlowSummary> summaries = checkpoints(query).stream().map(Checkpoint::summary).toList();
                boolean more = summaries.size() > pageSize;
                return new Page<>(more ? summaries.subList(0, pageSize) : summaries, pageNumber, more);
            }
        });
    }

    /** The journal in order; at most {@code entriesMax} + 1 entries are read, so an overlong one is noticed, not loaded. */
    List<JournalEntry> journal(String flowId, int entriesMax) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT sequence_number, step_name, step_value FROM flow_journal WHERE flow_id = ?"
                            + " ORDER BY sequence_number FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, flowId);
                query.setInt(2, entriesMax + 1);
                List<JournalEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new JournalEntry(rows.getInt(1), rows.getString(2), rows.getString(3)));
                    }
                }
                return entries;
            }
        });
    }

    /**
     * Appends entries and {@code also} in one database transaction; a sequence number written twice is
     * refused by the key.
     */
    void append(String flowId, List<JournalEntry> entries, Instant now, AlsoInTransaction also) {
        jdbc.inTransaction(connection -> {
            also.write(connection);
            if (entries.isEmpty()) {
                return null;
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_journal"
                    + " (flow_id, sequence_number, step_name, step_value, recorded_at) VALUES (?, ?, ?, ?, ?)")) {
                for (JournalEntry entry : entries) {
                    insert.setString(1, flowId);
                    insert.setInt(2, entry.sequenceNumber());
                    insert.setString(3, entry.stepName());
                    insert.setString(4, entry.value());
                    insert.setObject(5, Jdbc.timestamp(now));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** A transient failure before a hospital retry: one attempt more, the error kept. */
    void recordRetry(String flowId, String error, Instant now) {
        update("UPDATE flow_checkpoint SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                + " WHERE flow_id = ? AND flow_status = 'RUNNABLE'", error, now, flowId);
    }

    /** Ends a flow with a business refusal; nothing is left to replay, so the journal goes. */
    void fail(String flowId, String error, Instant now, AlsoInTransaction also) {
        jdbc.inTransaction(connection -> {
            also.write(connection);
            deleteJournal(connection, flowId);
            update(connection, "UPDATE flow_checkpoint SET flow_status = 'FAILED', last_error = ?, updated_at = ?"
                    + " WHERE flow_id = ? AND flow_status = 'RUNNABLE'", error, now, flowId);
            return null;
        });
    }

    /** Parks a RUNNABLE flow, keeping its journal for an operator's retry; false if it was no longer RUNNABLE. */
    boolean park(String flowId, String error, Instant now) {
        return update("UPDATE flow_checkpoint SET flow_status = 'PARKED', last_error = ?, updated_at = ?"
                + " WHERE flow_id = ? AND flow_status = 'RUNNABLE'", error, now, flowId) == 1;
    }

    /**
     * Completes a flow whose body returned, even one killed meanwhile: it stopped at no suspending
     * call, so everything it did is done, and saying KILLED would hide it. The journal goes.
     */
    void complete(String flowId, String result, Instant now, AlsoInTransaction also) {
        jdbc.inTransaction(connection -> {
            also.write(connection);
            deleteJournal(connection, flowId);
            try (PreparedStatement update = connection.prepareStatement("UPDATE flow_checkpoint"
                    + " SET flow_status = 'COMPLETED', flow_result = ?, updated_at = ?"
                    + " WHERE flow_id = ? AND flow_status IN ('RUNNABLE', 'KILLED')")) {
                update.setString(1, result);
                update.setObject(2, Jdbc.timestamp(now));
                update.setString(3, flowId);
                update.executeUpdate();
            }
            return null;
        });
    }

    /** Work of a kill in its database transaction: {@link #lock} runs first, and its answer once the flow is KILLED. */
    @FunctionalInterface
    interface KillWork {
        KillWork NOTHING = connection -> AlsoInTransaction.NOTHING;

        /** Locks what the kill changes besides the checkpoint; answers the writes to make if the kill goes ahead. */
        AlsoInTransaction lock(Connection connection) throws SQLException;
    }

    /**
     * Kills an unfinished flow, keeping its journal as evidence, and makes {@code work}'s writes in the
     * same database transaction; false (and nothing written) if it was not RUNNABLE or PARKED.
     */
    boolean kill(String flowId, String reason, Instant now, KillWork work) {
        return jdbc.inTransaction(connection -> {
            AlsoInTransaction also = work.lock(connection);
            Optional<Checkpoint> existing = find(connection, flowId, true);
            if (existing.isEmpty() || !existing.get().status().isUnfinished()) {
                return false;
            }
            String previous = existing.get().lastError();
            String why = "killed: " + reason + (previous == null ? "" : " (last error: " + previous + ")");
            if (update(connection, "UPDATE flow_checkpoint SET flow_status = 'KILLED', last_error = ?,"
                    + " updated_at = ? WHERE flow_id = ? AND flow_status IN ('RUNNABLE', 'PARKED')", why, now, flowId) != 1) {
                return false;
            }
            also.write(connection);
            return true;
        });
    }

    /** In the caller's database transaction: whether a checkpoint has this id. */
    static boolean exists(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM flow_checkpoint WHERE flow_id = ?")) {
            query.setString(1, flowId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * In the caller's database transaction: a RUNNABLE checkpoint with no attempt yet, which the next
     * start under its id runs as attempt 1 (and a restart resumes if the start never came).
     */
    static void insertAdmitted(Connection connection, String flowId, String flowClass, String arguments, Instant now)
            throws SQLException {
        insert(connection, flowId, flowClass, arguments, now, 0);
    }

    private int nextAttempt(Connection connection, String flowId, FlowStatus from, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE flow_checkpoint SET flow_status = 'RUNNABLE',"
                + " attempts = attempts + 1, updated_at = ? WHERE flow_id = ? AND flow_status = ?")) {
            update.setObject(1, Jdbc.timestamp(now));
            update.setString(2, flowId);
            update.setString(3, from.name());
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("flow " + flowId + " was not " + from + " under its row lock");
            }
        }
        return find(connection, flowId, false).orElseThrow().attempts();
    }

    private static void insert(Connection connection, String flowId, String flowClass, String arguments, Instant now,
                               int attempts) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO flow_checkpoint (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, 'RUNNABLE', ?, NULL, NULL, ?, ?)")) {
            insert.setString(1, flowId);
            insert.setString(2, flowClass);
            insert.setString(3, arguments);
            insert.setInt(4, attempts);
            insert.setObject(5, Jdbc.timestamp(now));
            insert.setObject(6, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
    }

    private static void restart(Connection connection, String flowId, String arguments, Instant now)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE flow_checkpoint SET arguments = ?,"
                + " flow_status = 'RUNNABLE', attempts = 1, last_error = NULL, flow_result = NULL, updated_at = ?"
                + " WHERE flow_id = ?")) {
            update.setString(1, arguments);
            update.setObject(2, Jdbc.timestamp(now));
            update.setString(3, flowId);
            update.executeUpdate();
        }
    }

    private static void deleteJournal(Connection connection, String flowId) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM flow_journal WHERE flow_id = ?")) {
            delete.setString(1, flowId);
            delete.executeUpdate();
        }
    }

    private int update(String sql, String error, Instant now, String flowId) {
        return jdbc.inTransaction(connection -> update(connection, sql, error, now, flowId));
    }

    private static int update(Connection connection, String sql, String error, Instant now, String flowId)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, truncated(error));
            update.setObject(2, Jdbc.timestamp(now));
            update.setString(3, flowId);
            return update.executeUpdate();
        }
    }

    private static Optional<Checkpoint> find(Connection connection, String flowId, boolean forUpdate)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM flow_checkpoint"
                + " WHERE flow_id = ?" + (forUpdate ? " FOR UPDATE" : ""))) {
            query.setString(1, flowId);
            List<Checkpoint> found = checkpoints(query);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static List<Checkpoint> checkpoints(PreparedStatement query) throws SQLException {
        List<Checkpoint> checkpoints = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                checkpoints.add(new Checkpoint(rows.getString(1), rows.getString(2), rows.getString(3),
                        FlowStatus.valueOf(rows.getString(4)), rows.getInt(5), rows.getString(6), rows.getString(7),
                        Jdbc.instant(rows.getObject(8)), Jdbc.instant(rows.getObject(9))));
            }
        }
        return checkpoints;
    }

    private static String truncated(String error) {
        return error == null || error.length() <= LAST_ERROR_CHARS_MAX ? error : error.substring(0, LAST_ERROR_CHARS_MAX);
    }
}
