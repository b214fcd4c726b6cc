package io.clearline.core.businessday.api;

/** What the network does with a payment its business day does not take (past the cut-off that applies, or closed). */
public enum AfterCutOffHandling {
    /** Refused with TM01: the payer sends it again on the next business day. The default. */
    REJECT,
    /**
     * Kept (status WAREHOUSED, the payer told PDNG) and taken up, in arrival order, when the next business
     * day opens; at most {@link BusinessDays#WAREHOUSED_PAYMENTS_MAX} at a time, beyond which it is refused
     * with TM01. Before the network's first business day opens there is no cut-off to be late for, and every
     * payment is taken, as under REJECT.
     */
    WAREHOUSE
}
