package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.BatchProof;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * The notary cluster's service identity: one Ed25519 key pair shared by its replicas. Its public key is
 * the notary party every node knows; the replica that answers a commit signs the committed transaction
 * ids with it, once per log entry, as a batch ({@link BatchProof}), so no node needs the notary's
 * private key.
 *
 * <p>The key file holds the 32-byte private key in base64 on one line ({@link #write}, {@link #load});
 * the public key is derived from it.
 *
 * <p>WARNING: the file is the notary's signing key in the clear; it is created readable by its owner
 * only, and a key store or HSM replaces it before anything real runs on it.
 */
public final class NotaryServiceKey {
    /** Ed25519 private keys are 32 bytes. */
    static final int PRIVATE_KEY_BYTES = 32;
    /** A key file is one base64 line of 44 characters; anything much longer is not a key file. */
    static final long KEY_FILE_BYTES_MAX = 1_024;

    private final byte[] privateKey;
    private final PublicKey publicKey;

    private NotaryServiceKey(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 private key has " + PRIVATE_KEY_BYTES + " bytes, not "
                    + privateKey.length);
        }
        this.privateKey = privateKey.clone();
        this.publicKey = Ed25519.publicKeyOf(this.privateKey);
    }

    public static NotaryServiceKey generate() {
        return new NotaryServiceKey(Ed25519.generate().privateKey());
    }

    /** @throws IllegalArgumentException if the file is missing, too long or not a base64 Ed25519 private key */
    public static NotaryServiceKey load(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no notary service key file at " + file);
            }
            if (Files.size(file) > KEY_FILE_BYTES_MAX) {
                throw new IllegalArgumentException(file + " is not a notary service key file: longer than "
                        + KEY_FILE_BYTES_MAX + " bytes");
            }
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return new NotaryServiceKey(Base64.getDecoder().decode(text));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the notary service key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a notary service key file (one base64 line of a "
                    + PRIVATE_KEY_BYTES + "-byte Ed25519 private key): " + e.getMessage(), e);
        }
    }

    /** Writes the key to a new file readable by its owner only; never overwrites one. */
    public void write(Path file) {
        Objects.requireNonNull(file, "file");
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(privateKey) + "\n", StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("a file exists at " + file + "; a key is never overwritten", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the notary service key " + file, e);
        }
    }

    /** The notary party's key: what clients verify the cluster's signatures against. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** The signature over the batch of {@code transactionIds} (one or more), as {@link BatchProof} defines it. */
    byte[] signBatch(List<String> transactionIds) {
        String root = BatchProof.of(transactionIds).rootHex();
        return Ed25519.sign(privateKey, BatchProof.signedMessage(root));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NotaryServiceKey key && Arrays.equals(privateKey, key.privateKey);
    }

    @Override
    public int hashCode() {
        return publicKey.hashCode();
    }

    /** Names the public key only: the private key never reaches a log. */
    @Override
    public String toString() {
        return "NotaryServiceKey[" + publicKey.base64() + "]";
    }
}
