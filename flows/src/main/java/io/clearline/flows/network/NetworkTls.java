package io.clearline.flows.network;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.transport.http.TlsIdentity;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;

/**
 * The network root's part in the networked transport: it issues each node a TLS certificate, of a
 * TLS key apart from the ledger keys of the parties the node hosts, with the node's name as common
 * name; and every node trusts the root's key, pinned, as {@link MembershipVerifier} pins it.
 */
public final class NetworkTls {
    /** An Ed25519 public key in X.509 SubjectPublicKeyInfo is this prefix (RFC 8410) and the 32 key bytes. */
    private static final byte[] ED25519_SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03,
            0x21, 0x00};

    private NetworkTls() {
    }

    /**
     * A fresh TLS key for {@code nodeName} and its certificate, signed by the root's key.
     *
     * @param rootPrivateKey the network root's raw Ed25519 private key; used to sign, never kept
     */
    public static TlsIdentity issueNodeIdentity(String issuerName, byte[] rootPrivateKey, String nodeName,
                                                String legalName, Instant issuedAt) {
        Ed25519.GeneratedKeyPair tlsKey = Ed25519.generate();
        MemberCertificate certificate = MemberCertificate.issue(issuerName, nodeName, legalName, tlsKey.publicKey(),
                issuedAt, toBeSigned -> Ed25519.sign(rootPrivateKey, toBeSigned));
        return TlsIdentity.ofEd25519(nodeName, tlsKey.privateKey(), certificate.toX509());
    }

    /** The root's key as the JDK's TLS checks certificates with. */
    public static java.security.PublicKey rootKey(PublicKey root) {
        byte[] raw = root.encoded();
        byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
        System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 reads Ed25519 keys", e);
        }
    }
}
