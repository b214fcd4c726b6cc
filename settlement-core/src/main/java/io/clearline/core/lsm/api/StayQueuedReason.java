package io.clearline.core.lsm.api;

/**
 * Why a payment stays queued after a gridlock resolution. The reason is judged against the
 * resolution's end positions: what would happen if this one payment were added to the settled set.
 */
public enum StayQueuedReason {
    /** The payment is held by its payer or the operator; the resolver never settles it. */
    HELD,
    /** Adding the payment would leave its payer below zero. */
    PAYER_SHORT,
    /** Adding the (normal) payment would take its payer over a bilateral or multilateral limit. */
    LIMIT_EXCEEDED,
    /**
     * The payment would fit on its own, but an earlier payment of the same payer with the same or
     * higher priority stays queued, and the FIFO policy forbids overtaking it.
     */
    DISPLACED_BY_FIFO_POLICY
}
