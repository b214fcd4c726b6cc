package io.clearline.flows.network;

import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The membership lists this node has accepted (or, at the central bank, published), one row per epoch,
 * in the node's own database; the latest is the one in force. Earlier epochs stay as the record of who
 * was a member when; there is one per admission, suspension or removal, so the table grows with
 * membership changes, never with traffic. SQL that runs on H2 2.x and PostgreSQL 15.
 */
public final class MembershipStore {
    private static final String[] SCHEMA = {
        // canonical_list and signature are base64 text, as the ledger stores its signed transactions; cause is
        // what made the publisher sign this epoch (an event's id), null for a list a follower accepted. Its
        // unique index is what keeps a publisher from signing a new epoch twice for one cause.
        """
        CREATE TABLE IF NOT EXISTS network_membership (
            epoch BIGINT PRIMARY KEY,
            canonical_list VARCHAR NOT NULL,
            signature VARCHAR(200) NOT NULL,
            signer VARCHAR(64) NOT NULL,
            cause VARCHAR(200),
            accepted_at TIMESTAMP WITH TIME ZONE NOT NULL)""",
        "CREATE UNIQUE INDEX IF NOT EXISTS network_membership_cause ON network_membership (cause)",
    };

    private final Jdbc jdbc;
    private final Clock clock;

    /** Creates the table if missing. */
    public MembershipStore(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        jdbc.createIfMissing(SCHEMA);
    }

    /** The list in force: the accepted one of the highest epoch. */
    public Optional<SignedMembershipList> latest() {
        return jdbc.inTransaction(MembershipStore::latest);
    }

    /**
     * The epoch in force and when this node stored it (accepted it, or at the central bank published it),
     * read without the list itself: cheap enough for a metric read at every scrape.
     */
    public Optional<HeldEpoch> latestEpoch() {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT epoch, accepted_at FROM network_membership ORDER BY epoch DESC FETCH FIRST 1 ROWS ONLY");
                 ResultSet rows = query.executeQuery()) {
                return rows.next() ? Optional.of(new HeldEpoch(rows.getLong(1), Jdbc.instant(rows.getObject(2))))
                        : Optional.empty();
            }
        });
    }

    /** An epoch this node holds, and when it stored it. */
    public record HeldEpoch(long epoch, Instant acceptedAt) {
    }

    /**
     * Verifies {@code candidate} against the epoch held, in the transaction that stores it, so that two
     * followers racing on one database cannot both move the epoch.
     *
     * @throws MembershipRefusedException as {@link MembershipVerifier#verify} does; nothing is stored
     */
    public MembershipList accept(SignedMembershipList candidate, MembershipVerifier verifier) {
        return jdbc.inTransaction(connection -> {
            MembershipList list = verifier.verify(candidate, heldEpoch(connection));
            insert(connection, list.epoch(), candidate, null);
            return list;
        });
    }

    /**
     * For the publisher: stores a list it signed, as the next epoch, for {@code cause}; does nothing and
     * answers false if a list was already stored for that cause.
     */
    public boolean storePublished(SignedMembershipList signed, String cause, MembershipVerifier verifier) {
        return jdbc.inTransaction(connection -> {
            if (published(connection, cause)) {
                return false;
            }
            MembershipList list = verifier.verify(signed, heldEpoch(connection));
            insert(connection, list.epoch(), signed, cause);
            return true;
        });
    }

    /** Whether a list was published for {@code cause}. */
    public boolean published(String cause) {
        return jdbc.inTransaction(connection -> published(connection, cause));
    }

    private static boolean published(Connection connection, String cause) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM network_membership WHERE cause = ?")) {
            query.setString(1, cause);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static OptionalLong heldEpoch(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT MAX(epoch) FROM network_membership");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            long epoch = rows.getLong(1);
            return rows.wasNull() ? OptionalLong.empty() : OptionalLong.of(epoch);
        }
    }

    private static Optional<SignedMembershipList> latest(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT canonical_list, signature, signer FROM network_membership ORDER BY epoch DESC "
                        + "FETCH FIRST 1 ROWS ONLY");
             ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return Optional.empty();
            }
            Base64.Decoder base64 = Base64.getDecoder();
            return Optional.of(new SignedMembershipList(base64.decode(rows.getString(1)),
                    base64.decode(rows.getString(2)), PublicKey.fromBase64(rows.getString(3))));
        }
    }

    private void insert(Connection connection, long epoch, SignedMembershipList signed, String cause)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO network_membership "
                + "(epoch, canonical_list, signature, signer, cause, accepted_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Base64.Encoder base64 = Base64.getEncoder();
            insert.setLong(1, epoch);
            insert.setString(2, base64.encodeToString(signed.canonicalBytes()));
            insert.setString(3, base64.encodeToString(signed.signature()));
            insert.setString(4, signed.signer().base64());
            insert.setString(5, cause);
            insert.setObject(6, Jdbc.timestamp(clock.instant()));
            insert.executeUpdate();
        }
    }
}
