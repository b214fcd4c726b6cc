package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Jdbc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What the issuance and redemption tables share: each row claims a transfer id for one transaction,
 * written with phase one of finality (so a retry finds the transaction it started instead of issuing
 * or redeeming twice) and deleted with the transaction if the notary refuses it. Only a claim whose
 * transaction is no longer pending counts towards issued or redeemed cash.
 */
final class TransferClaims {
    /** The tables whose rows are claims, written only as literals here, never from input. */
    static final String ISSUANCES = "ledger_cash_issuance";
    static final String REDEMPTIONS = "ledger_cash_redemption";

    private TransferClaims() {
    }

    /** The sum of the final claims' amounts in a currency. */
    static long sumFinal(Jdbc jdbc, String table, String currency) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT COALESCE(SUM(claim.amount_minor_units), 0) FROM " + table + " claim WHERE claim.currency = ?"
                            + " AND NOT EXISTS (SELECT 1 FROM ledger_pending_transaction pending"
                            + " WHERE pending.transaction_id = claim.transaction_id)")) {
                query.setString(1, currency);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }

    /** Deletes the claims of a transaction the notary refused, in the database transaction that deletes it. */
    static void deleteClaimsOf(Connection connection, String transactionId) throws SQLException {
        for (String table : new String[] {ISSUANCES, REDEMPTIONS}) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM " + table + " WHERE transaction_id = ?")) {
                delete.setString(1, transactionId);
                delete.executeUpdate();
            }
        }
    }
}
