package io.clearline.core.businessday.api;

/** Where the business day is, in the order the operator moves it. */
public enum BusinessDayPhase {
    /** Payments are taken and settled. */
    OPEN,
    /**
     * Past the cut-off: new payments are refused (TM01); payments already taken still settle, and
     * queued ones wait for liquidity or a gridlock run until the close.
     */
    CUT_OFF,
    /** Closed: what was still queued was cancelled (TM01) and nothing is taken until the next day opens. */
    CLOSED
}
