package io.clearline.flows.ledger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The identities this node hosts, with their Ed25519 keys, persisted in {@code ledger_identity} so
 * that signatures still verify after a restart. A key pair is generated once per name, ever.
 *
 * <p>WARNING: private keys are stored as base64 text in the database in this slice; a key store or
 * HSM replaces that before anything real runs on it.
 */
public final class IdentityService {
    private final Jdbc jdbc;
    private final Clock clock;
    private final ConcurrentMap<String, HostedIdentity> byName = new ConcurrentHashMap<>();
    private final ConcurrentMap<PublicKey, HostedIdentity> byKey = new ConcurrentHashMap<>();

    /** {@code privateKey} null: an identity this node knows but whose key is held elsewhere ({@link #knowRemote}). */
    private record HostedIdentity(Party party, byte[] privateKey) {
    }

    public IdentityService(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The identity of that name, created with a fresh key pair if it does not exist yet. Idempotent. */
    public Party getOrCreate(String name) {
        HostedIdentity cached = byName.get(name);
        if (cached != null) {
            return cached.party();
        }
        Optional<HostedIdentity> stored = load(name);
        if (stored.isPresent()) {
            return cache(stored.get()).party();
        }
        Ed25519.GeneratedKeyPair generated = Ed25519.generate();
        try {
            jdbc.inTransaction(connection -> insert(connection, name, generated));
        } catch (Jdbc.LedgerStorageException e) {
            if (!Jdbc.isIntegrityViolation(e)) {
                throw e;
            }
            // Another thread created it first: its key is the key, ours is discarded unused.
        }
        return cache(load(name).orElseThrow()).party();
    }

    /**
     * An identity this node knows by its public key only, its private key held elsewhere (the notary
     * cluster's service key): {@link #find} and {@link #partyOf} answer it, {@link #sign} refuses it.
     * Kept in memory only; give it at every start, before the name is used.
     *
     * @throws IllegalStateException if this node's database holds a key pair of that name with another
     *                               key (its transactions name that key: changing it is not supported)
     */
    public Party knowRemote(String name, PublicKey publicKey) {
        Party party = new Party(name, publicKey);
        load(name).ifPresent(stored -> {
            if (!stored.party().equals(party)) {
                throw new IllegalStateException("this node's database holds its own key pair for '" + name
                        + "' (" + stored.party().publicKey() + "), not " + publicKey + "; a node that ran with "
                        + "its own notary key cannot switch to the cluster's: use a fresh database");
            }
        });
        HostedIdentity remote = new HostedIdentity(party, null);
        byName.put(name, remote);
        byKey.put(publicKey, remote);
        return party;
    }

    public Optional<Party> find(String name) {
        HostedIdentity cached = byName.get(name);
        if (cached != null) {
            return Optional.of(cached.party());
        }
        return load(name).map(this::cache).map(HostedIdentity::party);
    }

    /** The party that owns a key, if this node knows it. */
    public Optional<Party> partyOf(PublicKey key) {
        HostedIdentity cached = byKey.get(key);
        if (cached != null) {
            return Optional.of(cached.party());
        }
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT name FROM ledger_identity WHERE public_key = ?")) {
                query.setString(1, key.base64());
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next() ? Optional.of(rows.getString(1)) : Optional.<String>empty();
                }
            }
        }).flatMap(this::find);
    }

    /** Signs a transaction id with the party's key; the party must be hosted here. */
    public TransactionSignature sign(Party party, String transactionId) {
        return TransactionSignature.of(party.publicKey(), Ed25519.sign(hosted(party).privateKey(), transactionId));
    }

    /**
     * Signs bytes that are not a transaction id (a certificate's to-be-signed part) with the party's key;
     * the party must be hosted here.
     *
     * <p>WARNING: only for identities that never sign ledger transactions (the network root): a key that
     * signs arbitrary bytes could be made to sign a transaction id's bytes.
     */
    public byte[] signContent(Party party, byte[] content) {
        return Ed25519.sign(hosted(party).privateKey(), content);
    }

    private HostedIdentity hosted(Party party) {
        HostedIdentity identity = byKey.get(party.publicKey());
        if (identity == null) {
            identity = load(party.name()).map(this::cache)
                    .filter(found -> found.party().equals(party))
                    .orElseThrow(() -> new IllegalStateException(party + " is not hosted on this node"));
        }
        if (identity.privateKey() == null) {
            throw new IllegalStateException(party + " is known on this node, but its private key is held elsewhere");
        }
        return identity;
    }

    private Integer insert(Connection connection, String name, Ed25519.GeneratedKeyPair generated) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO ledger_identity (name, public_key, private_key, created_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, name);
            insert.setString(2, generated.publicKey().base64());
            insert.setString(3, Base64.getEncoder().encodeToString(generated.privateKey()));
            insert.setObject(4, Jdbc.timestamp(clock.instant()));
            return insert.executeUpdate();
        }
    }

    private Optional<HostedIdentity> load(String name) {
        return jdbc.inTransaction(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT public_key, private_key FROM ledger_identity WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    PublicKey publicKey = PublicKey.fromBase64(rows.getString(1));
                    byte[] privateKey = Base64.getDecoder().decode(rows.getString(2));
                    if (!Ed25519.publicKeyOf(privateKey).equals(publicKey)) {
                        throw new IllegalStateException("stored key pair of " + name + " does not match");
                    }
                    return Optional.of(new HostedIdentity(new Party(name, publicKey), privateKey));
                }
            }
        });
    }

    private HostedIdentity cache(HostedIdentity identity) {
        byName.putIfAbsent(identity.party().name(), identity);
        byKey.putIfAbsent(identity.party().publicKey(), identity);
        return identity;
    }
}
