package io.clearline.flows.ledger;

import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 signature with the key that made it (signature as base64), of one of two kinds:
 * <ul>
 * <li>{@link Kind#TRANSACTION}: over the transaction id itself ({@code batchProof} is null);</li>
 * <li>{@link Kind#BATCH}: a notary's one signature over the Merkle root of a batch of transaction
 * ids, with the {@link BatchProof} that puts this transaction's id under that root.</li>
 * </ul>
 * {@link #verifies} checks either kind against a transaction id.
 */
public record TransactionSignature(PublicKey by, String signatureBase64, BatchProof batchProof) {
    public enum Kind { TRANSACTION, BATCH }

    public TransactionSignature {
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(signatureBase64, "signatureBase64");
    }

    /** A signature over a transaction id. */
    public TransactionSignature(PublicKey by, String signatureBase64) {
        this(by, signatureBase64, null);
    }

    public static TransactionSignature of(PublicKey by, byte[] signature) {
        return new TransactionSignature(by, Base64.getEncoder().encodeToString(signature));
    }

    /** This batch signature for one member of the batch. */
    public TransactionSignature withBatchProof(BatchProof proof) {
        return new TransactionSignature(by, signatureBase64, Objects.requireNonNull(proof, "proof"));
    }

    public Kind kind() {
        return batchProof == null ? Kind.TRANSACTION : Kind.BATCH;
    }

    public byte[] signature() {
        return Base64.getDecoder().decode(signatureBase64);
    }

    /** For a batch signature: the proof must lead from this id to the root the key signed. */
    public boolean verifies(String transactionId) {
        String message = batchProof == null ? transactionId : BatchProof.signedMessage(batchProof.root(transactionId));
        return Ed25519.verify(by, message, signature());
    }
}
