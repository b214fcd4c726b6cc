package io.clearline.ops.transport;

import io.clearline.flows.ledger.PublicKey;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Reads the node's TLS key and certificate from files, as an operator keeps them: PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, PKCS#8; {@code -----BEGIN CERTIFICATE-----}) or the same DER in
 * plain base64. Every failure names the property whose value is wrong.
 */
final class TlsMaterial {
    private TlsMaterial() {
    }

    static PrivateKey ed25519PrivateKey(String property, String file) {
        byte[] der = derOf(property, file);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(property + ": " + file + " holds no Ed25519 private key in PKCS#8 ("
                    + e.getMessage() + ")", e);
        }
    }

    static X509Certificate certificate(String property, String file) {
        byte[] der = derOf(property, file);
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(property + ": " + file + " holds no X.509 certificate ("
                    + e.getMessage() + ")", e);
        }
    }

    static PublicKey rootPublicKey(String property, String base64) {
        try {
            return PublicKey.fromBase64(base64.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(property + " is the network root's Ed25519 public key in base64 (as "
                    + "the central bank's node logs it at start), not '" + base64 + "': " + e.getMessage(), e);
        }
    }

    /** The DER inside a PEM block, or the whole file as base64 when it has no PEM armour. */
    private static byte[] derOf(String property, String file) {
        if (file.isBlank()) {
            throw new IllegalArgumentException(property + " is required when clearline.transport.mode=http");
        }
        String text;
        try {
            text = Files.readString(Path.of(file.strip()), StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(property + ": cannot read " + file + " (" + e + ")", e);
        }
        StringBuilder base64 = new StringBuilder();
        for (String line : text.split("\\R")) {
            if (!line.startsWith("-----")) {
                base64.append(line.strip());
            }
        }
        try {
            byte[] der = Base64.getDecoder().decode(base64.toString());
            if (der.length == 0) {
                throw new IllegalArgumentException("empty");
            }
            return der;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + ": " + file + " is neither PEM nor base64 DER ("
                    + e.getMessage() + ")", e);
        }
    }
}
