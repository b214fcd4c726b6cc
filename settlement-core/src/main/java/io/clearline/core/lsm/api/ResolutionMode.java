package io.clearline.core.lsm.api;

/** How the operator asks the gridlock resolver to choose the payments that settle together. */
public enum ResolutionMode {
    /**
     * Respect the priority and FIFO policy: for each payer, the settled payments are its earliest
     * queued ones in policy order (priority, then arrival); a payment never overtakes an earlier one
     * of the same or higher priority from the same payer.
     */
    FIFO,
    /**
     * Settle as much value as possible, possibly out of FIFO order; never less value than
     * {@link #FIFO} on the same input.
     */
    OPTIMISING
}
