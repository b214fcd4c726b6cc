package io.clearline.core.businessday.api;

/** The one business-day aggregate of a network: its identifier. */
public final class BusinessDays {
    /** A network runs one business day at a time, so one aggregate keeps it. */
    public static final String NETWORK = "network";

    private BusinessDays() {
    }
}
