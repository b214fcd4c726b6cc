package io.clearline.core.lsm.api;

/** How a gridlock run ended. */
public enum GridlockRunOutcome {
    /** The resolved payments settled together in one ledger transaction. */
    SETTLED,
    /** The resolver found no set of queued payments that can settle together. */
    NOTHING_TO_SETTLE,
    /**
     * Reserving an account or the ledger refused: every reservation was released and every payment is
     * queued again at its place, as if the run had not happened.
     */
    ABORTED
}
