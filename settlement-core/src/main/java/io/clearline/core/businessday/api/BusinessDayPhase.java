package io.clearline.core.businessday.api;

/** Where the business day is, in the order the operator moves it. */
public enum BusinessDayPhase {
    /** Payments are taken and settled. */
    OPEN,
    /**
     * Past the customer cut-off: new customer payments (pacs.008) are refused (TM01); interbank payments
     * are still taken until the interbank cut-off.
     */
    CUSTOMER_CUT_OFF,
    /**
     * Past the (interbank) cut-off: new payments of every kind are refused (TM01); payments already taken still settle, and
     * queued ones wait for liquidity or a gridlock run until the close.
     */
    CUT_OFF,
    /** Closed: what was still queued was cancelled (TM01) and nothing is taken until the next day opens. */
    CLOSED
}
