package io.clearline.flows.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Transactions and vaults of every identity this node hosts, one row set per holder, so each
 * identity has its own copy as it would on its own node.
 *
 * <p>Finality has two phases here: {@link #recordPending} keeps a transaction its parties signed at
 * every holder before notarisation, outside the vault (its outputs cannot be spent or counted, its
 * inputs stay unconsumed); then {@link #finalise} records it as final once notarised, or
 * {@link #deletePending} removes it if the notary refused. Each step is idempotent, so a flow that
 * repeats any of them after a crash changes nothing the first time did not.
 */
public final class LedgerStore implements StateResolver {
    /** The longest operation key a pending transaction keeps (the column's width). */
    public static final int OPERATION_KEY_CHARS_MAX = 200;

    private final Jdbc jdbc;
    private final LedgerCodecs codecs;
    private final Clock clock;

    public LedgerStore(Jdbc jdbc, LedgerCodecs codecs, Clock clock) {
        this.jdbc = jdbc;
        this.codecs = codecs;
        this.clock = clock;
    }

    public LedgerCodecs codecs() {
        return codecs;
    }

    /** More writes that must commit together with a recording (an idempotency key, say). */
    @FunctionalInterface
    public interface AlsoInSameTransaction {
        void run(Connection connection) throws SQLException;
    }

    /**
     * Phase one of finality: records a transaction that its parties signed, not yet notarised, at every
     * holder in one database transaction, and runs {@code claims} (an idempotency key that names this
     * transaction, say) in it when no holder held the transaction before. Nothing reaches the vault: its
     * outputs are not spendable or counted and its inputs stay unconsumed until {@link #finalise}. A
     * holder that holds it already, pending or final, is skipped, so recording again is harmless.
     *
     * @param operationKey what built it (a flow id, say), at most {@link #OPERATION_KEY_CHARS_MAX} characters
     * @return whether some holder recorded it now (false: every holder held it already)
     */
    public boolean recordPending(SignedTransaction stx, Collection<Party> participants, Collection<Party> observers,
                                 String operationKey, AlsoInSameTransaction claims) {
        if (operationKey == null || operationKey.isBlank() || operationKey.length() > OPERATION_KEY_CHARS_MAX) {
            throw new IllegalArgumentException("an operation key is 1 to " + OPERATION_KEY_CHARS_MAX + " characters: "
                    + operationKey);
        }
        return jdbc.inTransaction(connection -> {
            Set<String> heldBefore = holdersOf(connection, stx.id());
            Set<String> holders = new HashSet<>(heldBefore);
            Instant now = clock.instant();
            String serialized = codecs.serialize(stx);
            boolean recorded = false;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO ledger_pending_transaction (transaction_id, holder, observer, operation_key,"
                            + " signed_transaction, recorded_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                for (Party holder : concat(participants, observers)) {
                    if (!holders.add(holder.name())) {
                        continue;
                    }
                    insert.setString(1, stx.id());
                    insert.setString(2, holder.name());
                    insert.setBoolean(3, !participants.contains(holder));
                    insert.setString(4, operationKey);
                    insert.setString(5, serialized);
                    insert.setObject(6, Jdbc.timestamp(now));
                    insert.addBatch();
                    recorded = true;
                }
                insert.executeBatch();
            }
            if (heldBefore.isEmpty()) {
                claims.run(connection);
            }
            return recorded;
        });
    }

    private static List<Party> concat(Collection<Party> participants, Collection<Party> observers) {
        List<Party> all = new ArrayList<>(participants.size() + observers.size());
        all.addAll(participants);
        all.addAll(observers);
        return all;
    }

    /** Who on this node holds the transaction, pending or final. */
    private static Set<String> holdersOf(Connection connection, String transactionId) throws SQLException {
        Set<String> holders = new HashSet<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT holder FROM ledger_transaction WHERE transaction_id = ?"
                        + " UNION ALL SELECT holder FROM ledger_pending_transaction WHERE transaction_id = ?")) {
            query.setString(1, transactionId);
            query.setString(2, transactionId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    holders.add(rows.getString(1));
                }
            }
        }
        return holders;
    }

    /**
     * Phase three of finality: records a notarised transaction at every holder in one database
     * transaction: its copy of the transaction, the outputs it participates in (all outputs for
     * observers), its inputs consumed, its pending copy (if any) gone. A holder that already recorded
     * it is skipped, so finalising twice is harmless.
     */
    public void finalise(RecordedTransaction recorded, Collection<Party> participants, Collection<Party> observers,
                         AlsoInSameTransaction also) {
        finalise(recorded, participants, observers, also, (connection, observer) -> { });
    }

    /** What an observer does when it records a transaction for the first time (an audit, say). */
    @FunctionalInterface
    public interface OnFirstRecordedByObserver {
        void run(Connection connection, Party observer) throws SQLException;
    }

    /**
     * As {@link #finalise(RecordedTransaction, Collection, Collection, AlsoInSameTransaction)}, and runs
     * {@code onFirstRecorded} in the same database transaction for each observer that did not hold
     * the transaction yet: exactly once per observer, however often the recording is repeated.
     */
    public void finalise(RecordedTransaction recorded, Collection<Party> participants, Collection<Party> observers,
                         AlsoInSameTransaction also, OnFirstRecordedByObserver onFirstRecorded) {
        jdbc.inTransaction(connection -> {
            List<Party> finalisedNow = new ArrayList<>(participants.size() + observers.size());
            for (Party holder : participants) {
                if (recordAt(connection, holder, recorded, false)) {
                    finalisedNow.add(holder);
                }
            }
            for (Party observer : observers) {
                if (recordAt(connection, observer, recorded, true)) {
                    finalisedNow.add(observer);
                    onFirstRecorded.run(connection, observer);
                }
            }
            deletePendingAt(connection, recorded.transaction().id(), finalisedNow);
            also.run(connection);
            return null;
        });
    }

    private static void deletePendingAt(Connection connection, String transactionId, List<Party> holders)
            throws SQLException {
        if (holders.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM ledger_pending_transaction WHERE transaction_id = ? AND holder = ?")) {
            for (Party holder : holders) {
                delete.setString(1, transactionId);
                delete.setString(2, holder.name());
                delete.addBatch();
            }
            delete.executeBatch();
        }
    }

    /**
     * Deletes a pending transaction at every holder on this node and runs {@code alsoDelete} (its
     * claims), in one database transaction: what follows the notary's refusal. Deleting again is harmless.
     *
     * @return how many holders' copies were deleted now
     * @throws IllegalStateException if a holder holds the transaction final: a notarised transaction
     *         is never deleted
     */
    public int deletePending(String transactionId, AlsoInSameTransaction alsoDelete) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT holder FROM ledger_transaction WHERE transaction_id = ? FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, transactionId);
                try (ResultSet rows = query.executeQuery()) {
                    if (rows.next()) {
                        throw new IllegalStateException("transaction " + transactionId + " is final at "
                                + rows.getString(1) + ": a notarised transaction is never deleted");
                    }
                }
            }
            int deleted;
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM ledger_pending_transaction WHERE transaction_id = ?")) {
                delete.setString(1, transactionId);
                deleted = delete.executeUpdate();
            }
            alsoDelete.run(connection);
            return deleted;
        });
    }

    /** A transaction pending at some holder on this node, with the holders still waiting for it; empty if none. */
    public Optional<PendingTransaction> pending(String transactionId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT holder, observer, operation_key, signed_transaction, recorded_at"
                            + " FROM ledger_pending_transaction WHERE transaction_id = ? ORDER BY holder")) {
                query.setString(1, transactionId);
                List<String> participantNames = new ArrayList<>();
                List<String> observerNames = new ArrayList<>();
                String operationKey = null;
                String serialized = null;
                Instant recordedAt = null;
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        (rows.getBoolean(2) ? observerNames : participantNames).add(rows.getString(1));
                        operationKey = rows.getString(3);
                        serialized = serialized != null ? serialized : rows.getString(4);
                        Instant at = Jdbc.instant(rows.getObject(5));
                        recordedAt = recordedAt == null || at.isBefore(recordedAt) ? at : recordedAt;
                    }
                }
                return serialized == null ? Optional.<PendingTransaction>empty()
                        : Optional.of(new PendingTransaction(codecs.deserialize(serialized), operationKey,
                                participantNames, observerNames, recordedAt));
            }
        });
    }

    /** The oldest transaction pending on this node that {@code operationKey} built, if any. */
    public Optional<PendingTransaction> pendingOfOperation(String operationKey) {
        return jdbc.inTransaction(connection -> pendingIdOfOperation(connection, operationKey)).flatMap(this::pending);
    }

    private static Optional<String> pendingIdOfOperation(Connection connection, String operationKey)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT transaction_id FROM ledger_pending_transaction WHERE operation_key = ?"
                        + " ORDER BY recorded_at, transaction_id FETCH FIRST 1 ROWS ONLY")) {
            query.setString(1, operationKey);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * At most {@code limit} ids of transactions pending on this node since before {@code recordedBefore},
     * oldest first: what recovery resolves.
     */
    public List<String> pendingRecordedBefore(Instant recordedBefore, int limit) {
        Page.checkPageSize(limit);
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transaction_id, MIN(recorded_at) AS first_recorded_at FROM ledger_pending_transaction"
                            + " WHERE recorded_at < ? GROUP BY transaction_id"
                            + " ORDER BY first_recorded_at, transaction_id FETCH FIRST ? ROWS ONLY")) {
                query.setObject(1, Jdbc.timestamp(recordedBefore));
                query.setInt(2, limit);
                List<String> transactionIds = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        transactionIds.add(rows.getString(1));
                    }
                }
                return transactionIds;
            }
        });
    }

    /** Whether that holder holds that transaction pending (recorded by phase one, neither finalised nor deleted). */
    public boolean holdsPending(Party holder, String transactionId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM ledger_pending_transaction WHERE transaction_id = ? AND holder = ?")) {
                query.setString(1, transactionId);
                query.setString(2, holder.name());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** @return whether the holder recorded it now (false: it held it already) */
    private boolean recordAt(Connection connection, Party holder, RecordedTransaction recorded, boolean observer)
            throws SQLException {
        SignedTransaction stx = recorded.transaction();
        if (holds(connection, holder.name(), stx.id())) {
            return false;
        }
        Instant now = clock.instant();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_transaction (holder, transaction_id, signed_transaction, notarised_at, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, holder.name());
            insert.setString(2, stx.id());
            insert.setString(3, codecs.serialize(stx));
            insert.setObject(4, Jdbc.timestamp(recorded.notarisedAt()));
            insert.setObject(5, Jdbc.timestamp(now));
            insert.executeUpdate();
        }
        insertOutputs(connection, holder, stx, observer, now);
        try (PreparedStatement consume = connection.prepareStatement(
                "UPDATE ledger_vault_state SET consumed = TRUE, consuming_transaction_id = ?"
                        + " WHERE holder = ? AND transaction_id = ? AND output_index = ?")) {
            for (StateRef input : stx.tx().inputs()) {
                consume.setString(1, stx.id());
                consume.setString(2, holder.name());
                consume.setString(3, input.transactionId());
                consume.setInt(4, input.outputIndex());
                consume.addBatch();
            }
            consume.executeBatch();
        }
        return true;
    }

    private void insertOutputs(Connection connection, Party holder, SignedTransaction stx, boolean observer,
                               Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_vault_state (holder, transaction_id, output_index, state_type, contract_name,"
                        + " owner_name, currency, amount_minor_units, linear_id, consumed, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, ?)")) {
            List<TransactionState> outputs = stx.tx().outputs();
            for (int index = 0; index < outputs.size(); index++) {
                TransactionState output = outputs.get(index);
                if (!observer && !output.data().participants().contains(holder)) {
                    continue;
                }
                VaultColumns columns = codecs.vaultColumns(output.data());
                insert.setString(1, holder.name());
                insert.setString(2, stx.id());
                insert.setInt(3, index);
                insert.setString(4, codecs.typeName(output.data()));
                insert.setString(5, output.contractName());
                insert.setString(6, columns.ownerName());
                insert.setString(7, columns.currency());
                insert.setObject(8, columns.amountMinorUnits());
                insert.setString(9, columns.linearId());
                insert.setObject(10, Jdbc.timestamp(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static boolean holds(Connection connection, String holder, String transactionId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM ledger_transaction WHERE holder = ? AND transaction_id = ?")) {
            query.setString(1, holder);
            query.setString(2, transactionId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** Whether that holder has recorded that transaction as final. */
    public boolean holds(Party holder, String transactionId) {
        return jdbc.inTransaction(connection -> holds(connection, holder.name(), transactionId));
    }

    /** A transaction as any holder on this node recorded it; the copies are identical. */
    public Optional<RecordedTransaction> transaction(String transactionId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT signed_transaction, notarised_at FROM ledger_transaction WHERE transaction_id = ?"
                            + " ORDER BY holder FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, transactionId);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    SignedTransaction stx = codecs.deserialize(rows.getString(1));
                    return Optional.of(new RecordedTransaction(stx, Jdbc.instant(rows.getObject(2))));
                }
            }
        });
    }

    /**
     * Resolves an input from the recorded transactions of this node. In one process every holder's
     * copy is here; with separate nodes the payer sends the back chain instead.
     */
    @Override
    public Optional<TransactionState> resolve(StateRef ref) {
        return transaction(ref.transactionId())
                .filter(recorded -> ref.outputIndex() < recorded.transaction().tx().outputs().size())
                .map(recorded -> recorded.transaction().tx().outputs().get(ref.outputIndex()));
    }

    /**
     * At most {@code limit} unconsumed states of a type owned by {@code ownerName} in {@code holder}'s
     * vault, following {@code after} (exclusive; null starts at the beginning) in the order of the
     * selection index (transaction id, output index). Keyset paging: each page costs its own rows
     * only, however many states come before it; a state that appears meanwhile may be missed.
     */
    public List<VaultEntry> unconsumedAfter(Party holder, String stateType, String ownerName, String currency,
                                            StateRef after, int limit) {
        Page.checkPageSize(limit);
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transaction_id, output_index, amount_minor_units FROM ledger_vault_state"
                            + " WHERE holder = ? AND state_type = ? AND owner_name = ? AND currency = ?"
                            + " AND consumed = FALSE AND (transaction_id > ? OR (transaction_id = ? AND output_index > ?))"
                            + " ORDER BY transaction_id, output_index FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, holder.name());
                query.setString(2, stateType);
                query.setString(3, ownerName);
                query.setString(4, currency);
                query.setString(5, after == null ? "" : after.transactionId());
                query.setString(6, after == null ? "" : after.transactionId());
                query.setInt(7, after == null ? Integer.MAX_VALUE : after.outputIndex());
                query.setInt(8, limit);
                List<VaultEntry> entries = new ArrayList<>(limit);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new VaultEntry(new StateRef(rows.getString(1), rows.getInt(2)), stateType,
                                ownerName, currency, rows.getLong(3)));
                    }
                }
                return entries;
            }
        });
    }

    /** Which of these refs the holder's vault shows consumed already (a stale read elsewhere). */
    public Set<StateRef> consumedAmong(Party holder, Collection<StateRef> refs) {
        return jdbc.inTransaction(connection -> {
            Set<StateRef> consumed = new HashSet<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT consumed FROM ledger_vault_state WHERE holder = ? AND transaction_id = ? AND output_index = ?")) {
                for (StateRef ref : refs) {
                    query.setString(1, holder.name());
                    query.setString(2, ref.transactionId());
                    query.setInt(3, ref.outputIndex());
                    try (ResultSet rows = query.executeQuery()) {
                        if (!rows.next() || rows.getBoolean(1)) {
                            consumed.add(ref);
                        }
                    }
                }
            }
            return consumed;
        });
    }

    /**
     * Sum of the unconsumed amounts of a type and currency in a holder's vault, for one owner or,
     * when {@code ownerName} is null, for every owner except {@code excludedOwnerName} (may be null).
     */
    public long sumUnconsumed(Party holder, String stateType, String currency, String ownerName,
                              String excludedOwnerName) {
        String ownerClause = ownerName != null ? " AND owner_name = ?"
                : excludedOwnerName != null ? " AND owner_name <> ?" : "";
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(SUM(amount_minor_units), 0) FROM ledger_vault_state WHERE holder = ?"
                            + " AND state_type = ? AND currency = ? AND consumed = FALSE" + ownerClause)) {
                query.setString(1, holder.name());
                query.setString(2, stateType);
                query.setString(3, currency);
                if (!ownerClause.isEmpty()) {
                    query.setString(4, ownerName != null ? ownerName : excludedOwnerName);
                }
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** The transaction that created the holder's state with that linear id (a UETR), if any. */
    /** What {@link #recordedOrPending} found: the recording transaction, or else one pending under the operation. */
    public record RecordedOrPending(Optional<String> recorded, Optional<String> pending) {
    }

    /**
     * {@link #transactionOfLinearState}, and if there is none, the id of a transaction pending here under
     * {@code operationKey} (as {@link #pendingOfOperation}): both in one database transaction, since an
     * operation asked again (a payment after its flow was killed, say) asks both before it builds anything.
     */
    public RecordedOrPending recordedOrPending(Party holder, String stateType, String linearId, String operationKey) {
        return jdbc.inTransaction(connection -> {
            Optional<String> recorded = transactionOfLinearState(connection, holder, stateType, linearId);
            if (recorded.isPresent()) {
                return new RecordedOrPending(recorded, Optional.empty());
            }
            return new RecordedOrPending(Optional.empty(), pendingIdOfOperation(connection, operationKey));
        });
    }

    public Optional<String> transactionOfLinearState(Party holder, String stateType, String linearId) {
        return jdbc.inTransaction(connection -> transactionOfLinearState(connection, holder, stateType, linearId));
    }

    private static Optional<String> transactionOfLinearState(Connection connection, Party holder, String stateType,
                                                             String linearId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT transaction_id FROM ledger_vault_state WHERE holder = ? AND state_type = ? AND linear_id = ?"
                        + " ORDER BY recorded_at FETCH FIRST 1 ROWS ONLY")) {
            query.setString(1, holder.name());
            query.setString(2, stateType);
            query.setString(3, linearId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** How many of the holder's states of a type are unconsumed, or consumed (for audits and tests). */
    public long countStates(Party holder, String stateType, boolean consumed) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COUNT(*) FROM ledger_vault_state WHERE holder = ? AND state_type = ? AND consumed = ?")) {
                query.setString(1, holder.name());
                query.setString(2, stateType);
                query.setBoolean(3, consumed);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
