package io.clearline.core.businessday.api;

/** The one business-day aggregate of a network: its identifier. */
public final class BusinessDays {
    /** A network runs one business day at a time, so one aggregate keeps it. */
    public static final String NETWORK = "network";

    /**
     * Payments warehoused for the next business day at one time; beyond it a late payment is refused with
     * TM01 even when the network warehouses, so a runaway sender cannot grow the warehouse (and the take-up
     * at the open) without bound.
     */
    public static final int WAREHOUSED_PAYMENTS_MAX = 10_000;

    private BusinessDays() {
    }
}
