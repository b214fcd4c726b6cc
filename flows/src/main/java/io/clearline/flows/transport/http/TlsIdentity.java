package io.clearline.flows.transport.http;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;

/**
 * What a node shows its peers at the TLS handshake: its Ed25519 TLS key and the certificate the
 * network root issued for it, whose subject's common name is the node's name. The key is the node's
 * own, apart from its parties' ledger keys: a leaked TLS key lets nobody sign a transaction.
 *
 * <p>WARNING: {@code toString} never shows the key; do not log {@link #privateKey()}.
 */
public record TlsIdentity(String nodeName, PrivateKey privateKey, X509Certificate certificate) {
    /** An Ed25519 private key in PKCS#8 is this prefix (RFC 8410) and the 32 raw key bytes. */
    private static final byte[] ED25519_PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b,
            0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
    private static final int ED25519_PRIVATE_KEY_BYTES = 32;

    /** @throws IllegalArgumentException when the certificate does not name {@code nodeName} or is not of an Ed25519 key */
    public TlsIdentity {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
        String certified = CertificateNames.commonName(certificate);
        if (!nodeName.equals(certified)) {
            throw new IllegalArgumentException("the TLS certificate of node " + nodeName + " names " + certified);
        }
        if (!CertificateNames.isEd25519(certificate.getPublicKey()) || !CertificateNames.isEd25519(privateKey)) {
            throw new IllegalArgumentException("node " + nodeName + ": a TLS identity is an Ed25519 key and certificate");
        }
    }

    /** The identity of a raw 32-byte Ed25519 private key (as {@code Ed25519.generate()} makes them) and its certificate. */
    public static TlsIdentity ofEd25519(String nodeName, byte[] rawPrivateKey, X509Certificate certificate) {
        if (rawPrivateKey == null || rawPrivateKey.length != ED25519_PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key has " + ED25519_PRIVATE_KEY_BYTES + " bytes");
        }
        byte[] pkcs8 = new byte[ED25519_PKCS8_PREFIX.length + ED25519_PRIVATE_KEY_BYTES];
        System.arraycopy(ED25519_PKCS8_PREFIX, 0, pkcs8, 0, ED25519_PKCS8_PREFIX.length);
        System.arraycopy(rawPrivateKey, 0, pkcs8, ED25519_PKCS8_PREFIX.length, ED25519_PRIVATE_KEY_BYTES);
        try {
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new TlsIdentity(nodeName, key, certificate);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK since 15 reads Ed25519 keys", e);
        } finally {
            java.util.Arrays.fill(pkcs8, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "TlsIdentity[" + nodeName + "]";
    }
}
