package io.clearline.flows.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Transactions and vaults of every identity this node hosts, one row set per holder, so each
 * identity has its own copy as it would on its own node. Recording is the last step of finality.
 */
public final class LedgerStore implements StateResolver {
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
     * Records a notarised transaction at every holder in one database transaction: its copy of the
     * transaction, the outputs it participates in (all outputs for observers), its inputs consumed.
     * A holder that already recorded it is skipped, so recording twice is harmless.
     */
    public void record(RecordedTransaction recorded, Collection<Party> participants, Collection<Party> observers,
                       AlsoInSameTransaction also) {
        record(recorded, participants, observers, also, (connection, observer) -> { });
    }

    /** What an observer does when it records a transaction for the first time (an audit, say). */
    @FunctionalInterface
    public interface OnFirstRecordedByObserver {
        void run(Connection connection, Party observer) throws SQLException;
    }

    /**
     * As {@link #record(RecordedTransaction, Collection, Collection, AlsoInSameTransaction)}, and runs
     * {@code onFirstRecorded} in the same database transaction for each observer that did not hold
     * the transaction yet: exactly once per observer, however often the recording is repeated.
     */
    public void record(RecordedTransaction recorded, Collection<Party> participants, Collection<Party> observers,
                       AlsoInSameTransaction also, OnFirstRecordedByObserver onFirstRecorded) {
        jdbc.inTransaction(connection -> {
            for (Party holder : participants) {
                recordAt(connection, holder, recorded, false);
            }
            for (Party observer : observers) {
                if (recordAt(connection, observer, recorded, true)) {
                    onFirstRecorded.run(connection, observer);
                }
            }
            also.run(connection);
            return null;
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

    /** Whether that holder has recorded that transaction. */
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
            Set<StateRef> consumed = new java.util.HashSet<>();
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
    public Optional<String> transactionOfLinearState(Party holder, String stateType, String linearId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transaction_id FROM ledger_vault_state WHERE holder = ? AND state_type = ? AND linear_id = ?"
                            + " ORDER BY recorded_at FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, holder.name());
                query.setString(2, stateType);
                query.setString(3, linearId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        });
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
