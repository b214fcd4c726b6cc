package io.clearline.flows.notary.raft;

/**
 * A replica answered a commit without a valid signature by the notary's service key: the answer is
 * refused and nothing is signed for the transactions in it. The decision itself stands in the cluster
 * (asking again is safe and answers the same), but no node accepts it until the replica that leads
 * signs with the right key: an operator gives it the right key file, or moves leadership away from it.
 */
public final class NotarySignatureRefusedException extends IllegalStateException {
    private final String replicaId;

    NotarySignatureRefusedException(String replicaId, String message) {
        super(message);
        this.replicaId = replicaId;
    }

    /** The replica whose answer was refused. */
    public String replicaId() {
        return replicaId;
    }
}
