package io.clearline.flows.network;

/**
 * A node refused a membership list; it keeps the list it holds. {@link #reason()} says which rule
 * the list broke.
 */
public final class MembershipRefusedException extends RuntimeException {
    public enum Reason {
        /** The list is signed by a key other than the network root this node pins. */
        UNKNOWN_SIGNER,
        /** The signature does not hold for these bytes and the pinned key: tampering or corruption. */
        BAD_SIGNATURE,
        /** The signed bytes are not a membership list's canonical encoding. */
        MALFORMED,
        /** A member's certificate is not issued by the network root this node pins. */
        BAD_CERTIFICATE,
        /** The list's epoch is not above the epoch this node holds: a replay or a rollback. */
        STALE_EPOCH
    }

    private final Reason reason;

    MembershipRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
