package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * One replica's own database of what the cluster committed: the transactions, the states they
 * consumed, and the last log index applied, all written in one database transaction per log entry.
 * So after a crash the database says exactly which entries it holds, and an entry replayed from the
 * log at or below that index changes nothing.
 *
 * <p>It keeps one connection for its lifetime: entries are applied one at a time by Ratis, and
 * readers ({@link #summary}, {@link #consumerOf}) wait their turn. A storage failure is thrown, and
 * the state machine lets it stop the replica: a replica that skipped an entry would diverge.
 *
 * <p>SQL runs on H2 2.x and PostgreSQL 15.
 */
final class ReplicaStore implements AutoCloseable {
    /** Keys per {@code IN (...)} query, well under PostgreSQL's bind-parameter limit. */
    static final int KEYS_PER_QUERY_MAX = 500;
    /** Rows inserted per JDBC batch when a snapshot is loaded. */
    static final int SNAPSHOT_ROWS_PER_BATCH = 1_000;
    /** Rows fetched per round trip when a snapshot or a summary reads the tables. */
    static final int ROWS_PER_FETCH = 1_000;

    private static final int SNAPSHOT_MAGIC = 0x434C4E53;
    private static final int SNAPSHOT_FORMAT_VERSION = 1;
    private static final byte ROW_END = 0;
    private static final byte ROW_TRANSACTION = 1;
    private static final byte ROW_CONSUMED_STATE = 2;
    private static final BigInteger DIGEST_MODULUS = BigInteger.ONE.shiftLeft(256);

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS raft_notary_transaction (
            transaction_id VARCHAR(128) PRIMARY KEY,
            committed_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS raft_notary_consumed_state (
            state_ref VARCHAR(160) PRIMARY KEY,
            consuming_transaction_id VARCHAR(128) NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS raft_notary_applied (
            singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
            raft_group_id VARCHAR(64) NOT NULL,
            log_index BIGINT NOT NULL)""",
    };

    private final Connection connection;
    private long appliedIndex;

    private ReplicaStore(Connection connection, long appliedIndex) {
        this.connection = connection;
        this.appliedIndex = appliedIndex;
    }

    /**
     * Opens the replica's database, creating its tables if missing.
     *
     * @param raftGroupId the cluster this database belongs to; log indexes mean nothing in another cluster
     * @throws IllegalStateException if the database belongs to another cluster
     */
    static ReplicaStore open(DataSource dataSource, String raftGroupId) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
            }
            long applied = readAppliedIndex(connection, raftGroupId);
            connection.commit();
            return new ReplicaStore(connection, applied);
        } catch (SQLException e) {
            closeQuietly(connection, e);
            throw new Jdbc.LedgerStorageException(e);
        } catch (RuntimeException e) {
            closeQuietly(connection, e);
            throw e;
        }
    }

    synchronized long appliedIndex() {
        return appliedIndex;
    }

    /**
     * Decides the entry's requests in order and, when {@code logIndex} is past what the database
     * holds, records what they committed and the index, in one database transaction. An entry at or
     * below the applied index (a replay after a restart) is decided against the database but
     * writes nothing: its effects are already there.
     */
    synchronized List<CommitOutcome> apply(long logIndex, NotaryLogEntry entry) {
        try {
            Decision decision = decide(entry);
            if (logIndex <= appliedIndex) {
                connection.rollback();
                return decision.outcomes();
            }
            insertTransactions(decision.newTransactions(), entry.leaderTime());
            insertConsumedStates(decision.newlyConsumed());
            updateAppliedIndex(logIndex);
            connection.commit();
            appliedIndex = logIndex;
            return decision.outcomes();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        }
    }

    synchronized Optional<String> consumerOf(StateRef ref) {
        try {
            String consumer = consumers(List.of(ref)).get(ref);
            connection.commit();
            return Optional.ofNullable(consumer);
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        }
    }

    /**
     * Whether {@code transactionId} consumed {@code inputs} in this replica's state, all or none as it
     * commits them; {@link UniquenessService.Commitment#UNKNOWN} for a transaction without inputs, of
     * which nothing is recorded.
     */
    synchronized UniquenessService.Commitment commitmentOf(List<StateRef> inputs, String transactionId) {
        if (inputs.isEmpty()) {
            return UniquenessService.Commitment.UNKNOWN;
        }
        Map<StateRef, String> consumedBy;
        try {
            consumedBy = consumers(inputs);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        }
        return UniquenessService.commitmentShownBy(inputs, transactionId, consumedBy);
    }

    synchronized ReplicaSummary summary() {
        RowDigest digest = new RowDigest();
        try (DataOutputStream out = new DataOutputStream(OutputStream.nullOutputStream())) {
            writeRows(out, digest);
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        } catch (IOException e) {
            throw new IllegalStateException("writing to nowhere cannot fail", e);
        }
        return new ReplicaSummary(appliedIndex, digest.transactions, digest.consumedStates, digest.hex());
    }

    /**
     * Writes every row and the applied index to {@code file}; returns the applied index, which is
     * what the snapshot holds (it may be ahead of the index Ratis names the file after, while a
     * restarted replica replays entries its database already had).
     */
    synchronized long writeSnapshot(Path file) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(SNAPSHOT_MAGIC);
            out.writeInt(SNAPSHOT_FORMAT_VERSION);
            out.writeLong(appliedIndex);
            writeRows(out, new RowDigest());
            connection.commit();
            return appliedIndex;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        }
    }

    /**
     * Replaces the database's content with the snapshot's, in one database transaction, if the
     * snapshot holds more of the log than the database; otherwise leaves the database as it is.
     *
     * @return whether the snapshot was loaded
     */
    synchronized boolean loadSnapshotIfNewer(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != SNAPSHOT_MAGIC) {
                throw new IOException(file + " is not a notary snapshot");
            }
            int version = in.readInt();
            if (version != SNAPSHOT_FORMAT_VERSION) {
                throw new IOException("snapshot " + file + " has format " + version + ", this replica reads "
                        + SNAPSHOT_FORMAT_VERSION + " only");
            }
            long snapshotIndex = in.readLong();
            if (snapshotIndex <= appliedIndex) {
                return false;
            }
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("DELETE FROM raft_notary_consumed_state");
                statement.executeUpdate("DELETE FROM raft_notary_transaction");
            }
            readRows(in);
            updateAppliedIndex(snapshotIndex);
            connection.commit();
            appliedIndex = snapshotIndex;
            return true;
        } catch (SQLException e) {
            rollbackQuietly(e);
            throw new Jdbc.LedgerStorageException(e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new Jdbc.LedgerStorageException(e);
        }
    }

    private record Decision(List<CommitOutcome> outcomes, List<String> newTransactions,
                            Map<StateRef, String> newlyConsumed) {
    }

    private Decision decide(NotaryLogEntry entry) throws SQLException {
        Set<String> transactionIds = new LinkedHashSet<>();
        Set<StateRef> states = new LinkedHashSet<>();
        for (CommitRequest request : entry.requests()) {
            transactionIds.add(request.transactionId());
            states.addAll(request.inputs());
            states.addAll(request.references());
        }
        Map<String, Instant> committedAt = committedAt(new ArrayList<>(transactionIds));
        Map<StateRef, String> consumedBy = consumers(new ArrayList<>(states));
        List<CommitOutcome> outcomes = new ArrayList<>(entry.requests().size());
        List<String> newTransactions = new ArrayList<>();
        Map<StateRef, String> newlyConsumed = new LinkedHashMap<>();
        for (CommitRequest request : entry.requests()) {
            String id = request.transactionId();
            Instant earlier = committedAt.get(id);
            if (earlier != null) {
                // Notarising the same transaction again is harmless, even once its time window has passed.
                outcomes.add(new CommitOutcome.Committed(earlier));
                continue;
            }
            Map<StateRef, String> conflicts = new LinkedHashMap<>();
            for (StateRef ref : concat(request.inputs(), request.references())) {
                String consumer = consumedBy.get(ref);
                if (consumer != null && !consumer.equals(id)) {
                    conflicts.put(ref, consumer);
                }
            }
            if (!conflicts.isEmpty()) {
                outcomes.add(new CommitOutcome.Conflict(conflicts));
            } else if (request.window().map(window -> !window.contains(entry.leaderTime())).orElse(false)) {
                outcomes.add(new CommitOutcome.OutsideTimeWindow(entry.leaderTime()));
            } else {
                committedAt.put(id, entry.leaderTime());
                newTransactions.add(id);
                for (StateRef input : request.inputs()) {
                    if (consumedBy.putIfAbsent(input, id) == null) {
                        newlyConsumed.put(input, id);
                    }
                }
                outcomes.add(new CommitOutcome.Committed(entry.leaderTime()));
            }
        }
        return new Decision(outcomes, newTransactions, newlyConsumed);
    }

    private static List<StateRef> concat(List<StateRef> first, List<StateRef> second) {
        List<StateRef> all = new ArrayList<>(first.size() + second.size());
        all.addAll(first);
        all.addAll(second);
        return all;
    }

    private Map<String, Instant> committedAt(List<String> transactionIds) throws SQLException {
        return lookUp("SELECT transaction_id, committed_at FROM raft_notary_transaction WHERE transaction_id IN (",
                transactionIds, Function.identity(), rows -> Jdbc.instant(rows.getObject(2)));
    }

    private Map<StateRef, String> consumers(List<StateRef> refs) throws SQLException {
        Map<String, String> byEncoded = lookUp(
                "SELECT state_ref, consuming_transaction_id FROM raft_notary_consumed_state WHERE state_ref IN (",
                refs, StateRef::encoded, rows -> rows.getString(2));
        Map<StateRef, String> consumers = new HashMap<>();
        byEncoded.forEach((encoded, consumer) -> consumers.put(StateRef.parse(encoded), consumer));
        return consumers;
    }

    @FunctionalInterface
    private interface Column<V> {
        V read(ResultSet rows) throws SQLException;
    }

    private <K, V> Map<String, V> lookUp(String selectPrefix, List<K> keys, Function<K, String> encode,
                                         Column<V> value) throws SQLException {
        Map<String, V> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_QUERY_MAX) {
            List<K> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_QUERY_MAX));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement query = connection.prepareStatement(selectPrefix + placeholders + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, encode.apply(chunk.get(i)));
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.put(rows.getString(1), value.read(rows));
                    }
                }
            }
        }
        return found;
    }

    private void insertTransactions(Collection<String> transactionIds, Instant committedAt) throws SQLException {
        if (transactionIds.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO raft_notary_transaction (transaction_id, committed_at) VALUES (?, ?)")) {
            for (String id : transactionIds) {
                insert.setString(1, id);
                insert.setObject(2, Jdbc.timestamp(committedAt));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertConsumedStates(Map<StateRef, String> consumed) throws SQLException {
        if (consumed.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO raft_notary_consumed_state (state_ref, consuming_transaction_id) VALUES (?, ?)")) {
            for (Map.Entry<StateRef, String> row : consumed.entrySet()) {
                insert.setString(1, row.getKey().encoded());
                insert.setString(2, row.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static long readAppliedIndex(Connection connection, String raftGroupId) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT raft_group_id, log_index FROM raft_notary_applied WHERE singleton = 1")) {
            if (rows.next()) {
                if (!rows.getString(1).equals(raftGroupId)) {
                    // Its entries would be taken for this cluster's and skipped as replays: refuse.
                    throw new IllegalStateException("this replica database holds the commits of Raft group "
                            + rows.getString(1) + ", not of " + raftGroupId);
                }
                return rows.getLong(2);
            }
        }
        // A new database: nothing applied yet (Ratis's log starts at index 0).
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO raft_notary_applied (singleton, raft_group_id, log_index) VALUES (1, ?, -1)")) {
            insert.setString(1, raftGroupId);
            insert.executeUpdate();
        }
        return -1;
    }

    private void updateAppliedIndex(long logIndex) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE raft_notary_applied SET log_index = ? WHERE singleton = 1")) {
            update.setLong(1, logIndex);
            if (update.executeUpdate() != 1) {
                throw new IllegalStateException("the replica's applied-index row is missing");
            }
        }
    }

    /** Streams every row to {@code out} (any order) and adds each to {@code digest}. */
    private void writeRows(DataOutputStream out, RowDigest digest) throws SQLException, IOException {
        try (Statement statement = connection.createStatement()) {
            statement.setFetchSize(ROWS_PER_FETCH);
            try (ResultSet rows = statement.executeQuery(
                    "SELECT transaction_id, committed_at FROM raft_notary_transaction")) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    Instant committedAt = Jdbc.instant(rows.getObject(2));
                    out.writeByte(ROW_TRANSACTION);
                    out.writeUTF(id);
                    out.writeLong(committedAt.getEpochSecond());
                    out.writeInt(committedAt.getNano());
                    digest.addTransaction(id, committedAt);
                }
            }
            try (ResultSet rows = statement.executeQuery(
                    "SELECT state_ref, consuming_transaction_id FROM raft_notary_consumed_state")) {
                while (rows.next()) {
                    String ref = rows.getString(1);
                    String consumer = rows.getString(2);
                    out.writeByte(ROW_CONSUMED_STATE);
                    out.writeUTF(ref);
                    out.writeUTF(consumer);
                    digest.addConsumedState(ref, consumer);
                }
            }
        }
        out.writeByte(ROW_END);
    }

    private void readRows(DataInputStream in) throws SQLException, IOException {
        try (PreparedStatement transactions = connection.prepareStatement(
                "INSERT INTO raft_notary_transaction (transaction_id, committed_at) VALUES (?, ?)");
             PreparedStatement states = connection.prepareStatement(
                "INSERT INTO raft_notary_consumed_state (state_ref, consuming_transaction_id) VALUES (?, ?)")) {
            int pending = 0;
            for (byte kind = in.readByte(); kind != ROW_END; kind = in.readByte()) {
                switch (kind) {
                    case ROW_TRANSACTION -> {
                        transactions.setString(1, in.readUTF());
                        transactions.setObject(2, Jdbc.timestamp(Instant.ofEpochSecond(in.readLong(), in.readInt())));
                        transactions.addBatch();
                    }
                    case ROW_CONSUMED_STATE -> {
                        states.setString(1, in.readUTF());
                        states.setString(2, in.readUTF());
                        states.addBatch();
                    }
                    default -> throw new IOException("corrupt notary snapshot: row kind " + kind);
                }
                if (++pending == SNAPSHOT_ROWS_PER_BATCH) {
                    transactions.executeBatch();
                    states.executeBatch();
                    pending = 0;
                }
            }
            transactions.executeBatch();
            states.executeBatch();
        }
    }

    /**
     * The sum, modulo 2^256, of each row's SHA-256: equal for equal sets of rows whatever order the
     * database returns them in.
     */
    private static final class RowDigest {
        private BigInteger sum = BigInteger.ZERO;
        private long transactions;
        private long consumedStates;

        void addTransaction(String id, Instant committedAt) {
            add("transaction\u0000" + id + "\u0000" + committedAt);
            transactions++;
        }

        void addConsumedState(String ref, String consumer) {
            add("consumed\u0000" + ref + "\u0000" + consumer);
            consumedStates++;
        }

        private void add(String row) {
            sum = sum.add(new BigInteger(1, sha256(row))).mod(DIGEST_MODULUS);
        }

        String hex() {
            byte[] bytes = new byte[32];
            byte[] magnitude = sum.toByteArray();
            int length = Math.min(magnitude.length, bytes.length);
            System.arraycopy(magnitude, magnitude.length - length, bytes, bytes.length - length, length);
            return HexFormat.of().formatHex(bytes);
        }

        private static byte[] sha256(String row) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(row.getBytes(StandardCharsets.UTF_8));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
    }

    private void rollbackQuietly(Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            cause.addSuppressed(closeFailure);
        }
    }
}
