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
 * {@code ledger_cash_redemption}: transfer id (the idempotency key) to the transaction that redeemed
 * it. Its sum per currency is what went back to the issuer, so issued − redeemed is what must be in
 * circulation, counted independently of the vaults it must agree with.
 */
final class CashRedemptions {
    private final Jdbc jdbc;

    record Redemption(String transferId, String transactionId, String participant, long amountMinorUnits,
                      String currency) {
    }

    CashRedemptions(Jdbc jdbc) {
        this.jdbc = jdbc;
        jdbc.createIfMissing("""
                CREATE TABLE IF NOT EXISTS ledger_cash_redemption (
                    transfer_id VARCHAR(100) PRIMARY KEY,
                    transaction_id VARCHAR(64) NOT NULL,
                    participant VARCHAR(200) NOT NULL,
                    currency VARCHAR(3) NOT NULL,
                    amount_minor_units BIGINT NOT NULL,
                    redeemed_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
                "CREATE INDEX IF NOT EXISTS ledger_cash_redemption_currency ON ledger_cash_redemption (currency)");
    }

    /** Inserted with phase one of the redemption's finality: the transfer id is claimed before the notary sees it. */
    static void insert(Connection connection, Redemption redemption, Instant redeemedAt) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_cash_redemption (transfer_id, transaction_id, participant, currency,"
                        + " amount_minor_units, redeemed_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, redemption.transferId());
            insert.setString(2, redemption.transactionId());
            insert.setString(3, redemption.participant());
            insert.setString(4, redemption.currency());
            insert.setLong(5, redemption.amountMinorUnits());
            insert.setObject(6, redeemedAt.atOffset(ZoneOffset.UTC));
            insert.executeUpdate();
        }
    }

    Optional<Redemption> find(String transferId) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT transaction_id, participant, amount_minor_units, currency FROM ledger_cash_redemption"
                            + " WHERE transfer_id = ?")) {
                query.setString(1, transferId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new Redemption(transferId, rows.getString(1), rows.getString(2),
                                    rows.getLong(3), rows.getString(4)))
                            : Optional.<Redemption>empty();
                }
            }
        });
    }

    /** Cash redeemed in a currency: the claims whose transactions are final (see {@link TransferClaims}). */
    long redeemed(String currency) {
        return TransferClaims.sumFinal(jdbc, TransferClaims.REDEMPTIONS, currency);
    }
}
