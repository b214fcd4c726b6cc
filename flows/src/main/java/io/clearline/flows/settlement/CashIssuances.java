package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * {@code ledger_cash_issuance}: transfer id (the idempotency key) to the transaction that issued it.
 * Its sum per currency is what was issued, counted independently of the vaults it must agree with.
 */
final class CashIssuances {
    private final Jdbc jdbc;

    record Issuance(String transferId, String transactionId, String participant, long amountMinorUnits, String currency) {
    }

    CashIssuances(Jdbc jdbc) {
        this.jdbc = jdbc;
        jdbc.createIfMissing("""
                CREATE TABLE IF NOT EXISTS ledger_cash_issuance (
                    transfer_id VARCHAR(100) PRIMARY KEY,
                    transaction_id VARCHAR(64) NOT NULL,
                    participant VARCHAR(200) NOT NULL,
                    currency VARCHAR(3) NOT NULL,
                    amount_minor_units BIGINT NOT NULL,
                    issued_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS ledger_cash_issuance_currency ON ledger_cash_issuance (currency)");
    }

    /** Inserted with phase one of the issuance's finality: the transfer id is claimed before the notary sees it. */
    static void insert(Connection connection, Issuance issuance, Instant issuedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_cash_issuance (transfer_id, transaction_id, participant, currency,"
                        + " amount_minor_units, issued_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, issuance.transferId());
            insert.setString(2, issuance.transactionId());
            insert.setString(3, issuance.participant());
            insert.setString(4, issuance.currency());
            insert.setLong(5, issuance.amountMinorUnits());
            insert.setObject(6, issuedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    Optional<Issuance> find(String transferId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transaction_id, participant, amount_minor_units, currency FROM ledger_cash_issuance"
                            + " WHERE transfer_id = ?")) {
                query.setString(1, transferId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Issuance(transferId, rows.getString(1), rows.getString(2), rows.getLong(3),
                                    rows.getString(4)))
                            : Optional.<Issuance>empty();
                }
            }
        });
    }

    /** Cash issued in a currency: the claims whose transactions are final (see {@link TransferClaims}). */
    long issued(String currency) {
        return TransferClaims.sumFinal(jdbc, TransferClaims.ISSUANCES, currency);
    }
}
