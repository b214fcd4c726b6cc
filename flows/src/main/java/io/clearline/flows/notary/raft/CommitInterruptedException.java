package io.clearline.flows.notary.raft;

/**
 * The caller interrupted a commit that was waiting for the notary cluster (the thread's interrupt
 * flag stays set). The cluster never gives up on its own; this is how a caller does. The commit may
 * or may not have been decided meanwhile: asking again with the same transaction is safe, since a
 * transaction already committed is answered as committed again.
 */
public final class CommitInterruptedException extends RuntimeException {
    public CommitInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
