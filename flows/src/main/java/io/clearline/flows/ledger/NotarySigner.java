package io.clearline.flows.ledger;

/** How a notary signs the transactions it has committed: one by one, or once per batch. */
@FunctionalInterface
public interface NotarySigner {
    /** The notary's signature for a committed transaction; it must verify against {@code transactionId}. */
    TransactionSignature sign(String transactionId);

    /** A signature over each id on its own: one Ed25519 signing per transaction. */
    static NotarySigner perTransaction(IdentityService identities, Party notary) {
        return transactionId -> identities.sign(notary, transactionId);
    }

    /**
     * For a notary whose key is held by the notary cluster: the cluster's answers carry its signature,
     * so this is asked only if an answer came unsigned, which the cluster's client already refuses.
     */
    static NotarySigner heldByCluster(Party notary) {
        return transactionId -> {
            throw new IllegalStateException("this node holds no private key for notary " + notary
                    + ": the notary cluster signs, and its answer for " + transactionId + " came unsigned");
        };
    }
}
