package io.clearline.flows.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * Ed25519 on BouncyCastle's lightweight API (the JDK provider is about 20 times slower) and the
 * SHA-256 used for transaction ids. Ledger signatures are always over the UTF-8 bytes of a transaction
 * id; the byte overloads are for content that is not a transaction (a certificate's to-be-signed part).
 */
public final class Ed25519 {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ed25519() {
    }

    /** A fresh key pair: the raw 32-byte private key and its public key. */
    public record GeneratedKeyPair(byte[] privateKey, PublicKey publicKey) {
    }

    public static GeneratedKeyPair generate() {
        Ed25519KeyPairGenerator generator = new Ed25519KeyPairGenerator();
        generator.init(new Ed25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        byte[] privateKey = ((Ed25519PrivateKeyParameters) pair.getPrivate()).getEncoded();
        byte[] publicKey = ((Ed25519PublicKeyParameters) pair.getPublic()).getEncoded();
        return new GeneratedKeyPair(privateKey, new PublicKey(publicKey));
    }

    public static byte[] sign(byte[] privateKey, String transactionId) {
        return sign(privateKey, transactionId.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sign(byte[] privateKey, byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, new Ed25519PrivateKeyParameters(privateKey, 0));
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    public static boolean verify(PublicKey publicKey, String transactionId, byte[] signature) {
        return verify(publicKey, transactionId.getBytes(StandardCharsets.UTF_8), signature);
    }

    public static boolean verify(PublicKey publicKey, byte[] message, byte[] signature) {
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, new Ed25519PublicKeyParameters(publicKey.encoded(), 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** The public key that belongs to a private key, to check a stored pair is whole. */
    public static PublicKey publicKeyOf(byte[] privateKey) {
        return new PublicKey(new Ed25519PrivateKeyParameters(privateKey, 0).generatePublicKey().getEncoded());
    }

    public static String sha256Hex(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** Random bytes as hex: the privacy salt that makes two otherwise equal transactions differ. */
    public static String randomHex(int byteCount) {
        byte[] bytes = new byte[byteCount];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
