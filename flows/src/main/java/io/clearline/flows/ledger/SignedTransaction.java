package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A transaction with the signatures collected so far. The id is carried for convenience; whoever
 * trusts it must check it with {@link TransactionVerifier#verifySignatures}.
 */
public record SignedTransaction(String id, WireTransaction tx, List<TransactionSignature> signatures) {
    public SignedTransaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tx, "tx");
        signatures = List.copyOf(signatures);
    }

    /** Adds a signature; signing twice with one key keeps one signature. */
    public SignedTransaction withSignature(TransactionSignature signature) {
        if (signers().contains(signature.by())) {
            return this;
        }
        List<TransactionSignature> all = new ArrayList<>(signatures);
        all.add(signature);
        return new SignedTransaction(id, tx, all);
    }

    public Set<PublicKey> signers() {
        Set<PublicKey> keys = new LinkedHashSet<>();
        signatures.forEach(signature -> keys.add(signature.by()));
        return keys;
    }
}
