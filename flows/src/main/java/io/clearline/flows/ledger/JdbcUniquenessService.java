package io.clearline.flows.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The single-node uniqueness service on {@code ledger_notary_commit}. The primary key on
 * {@code state_ref} is what makes a double spend impossible, even between two notary processes that
 * both read "unconsumed": the second insert fails, its whole commit rolls back, and the retry reads
 * the winner's row and reports the conflict. {@link #commitBatch} decides many requests in one
 * database transaction; {@link BatchingUniquenessService} feeds it.
 */
public final class JdbcUniquenessService implements UniquenessService, BatchingUniquenessService.BatchCommitter {
    /** A losing concurrent commit is retried this often before it is a fault; one retry normally suffices. */
    public static final int COMMIT_ATTEMPTS_MAX = 3;
    /** State refs per {@code IN (...)} query, well under PostgreSQL's bind-parameter limit. */
    public static final int REFS_PER_QUERY_MAX = 500;

    private final Jdbc jdbc;

    public JdbcUniquenessService(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Result commit(List<StateRef> inputs, String transactionId, Instant now) {
        return commitBatch(List.of(new Request(inputs, transactionId, now))).get(0);
    }

    /**
     * Decides every request in order in one database transaction: a request whose inputs another
     * transaction consumed (earlier, or earlier in this batch) gets a {@link Conflict} naming them;
     * otherwise its inputs become consumed by it. So the first in batch order wins, and a request
     * repeated (even within the batch) is answered {@link Committed} again. One result per request.
     */
    @Override
    public List<Result> commitBatch(List<Request> requests) {
        if (requests.stream().allMatch(request -> request.inputs().isEmpty())) {
            return Collections.nCopies(requests.size(), new Committed());
        }
        for (int attempt = 1; ; attempt++) {
            try {
                return jdbc.inTransaction(connection -> commitBatchOnce(connection, requests));
            } catch (Jdbc.LedgerStorageException e) {
                if (!Jdbc.isIntegrityViolation(e) || attempt >= COMMIT_ATTEMPTS_MAX) {
                    throw e;
                }
            }
        }
    }

    /** From the commit table: all inputs consumed by the transaction, or none (a commit is all or none). */
    @Override
    public Commitment commitmentOf(List<StateRef> inputs, String transactionId) {
        if (inputs.isEmpty()) {
            return Commitment.UNKNOWN;
        }
        Map<StateRef, String> consumedBy = jdbc.inTransaction(connection -> consumers(connection, inputs));
        return UniquenessService.commitmentShownBy(inputs, transactionId, consumedBy);
    }

    private List<Result> commitBatchOnce(Connection connection, List<Request> requests) throws SQLException {
        Set<StateRef> allInputs = new LinkedHashSet<>();
        requests.forEach(request -> allInputs.addAll(request.inputs()));
        Map<StateRef, String> consumedBy = consumers(connection, new ArrayList<>(allInputs));
        List<Result> results = new ArrayList<>(requests.size());
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_notary_commit (state_ref, consuming_transaction_id, committed_at) VALUES (?, ?, ?)")) {
            for (Request request : requests) {
                Map<StateRef, String> conflicts = new LinkedHashMap<>();
                for (StateRef ref : request.inputs()) {
                    String consumer = consumedBy.get(ref);
                    if (consumer != null && !consumer.equals(request.transactionId())) {
                        conflicts.put(ref, consumer);
                    }
                }
                if (!conflicts.isEmpty()) {
                    results.add(new Conflict(conflicts));
                    continue;
                }
                for (StateRef ref : request.inputs()) {
                    if (consumedBy.putIfAbsent(ref, request.transactionId()) == null) {
                        insert.setString(1, ref.encoded());
                        insert.setString(2, request.transactionId());
                        insert.setObject(3, Jdbc.timestamp(request.now()));
                        insert.addBatch();
                    }
                }
                results.add(new Committed());
            }
            insert.executeBatch();
        }
        return results;
    }

    private static Map<StateRef, String> consumers(Connection connection, List<StateRef> inputs) throws SQLException {
        Map<StateRef, String> consumers = new HashMap<>();
        for (int from = 0; from < inputs.size(); from += REFS_PER_QUERY_MAX) {
            List<StateRef> chunk = inputs.subList(from, Math.min(inputs.size(), from + REFS_PER_QUERY_MAX));
            String placeholders = String.join(", ", Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT state_ref, consuming_transaction_id FROM ledger_notary_commit WHERE state_ref IN ("
                            + placeholders + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    query.setString(i + 1, chunk.get(i).encoded());
                }
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        consumers.put(StateRef.parse(rows.getString(1)), rows.getString(2));
                    }
                }
            }
        }
        return consumers;
    }
}
