package io.clearline.core.lsm.api;

/**
 * The queue priority of a payment, highest first: the declaration order is the policy order, so
 * {@code URGENT.compareTo(HIGH) < 0}. Urgent is for the central bank only (enforced at submission,
 * not here); limits apply to {@link #NORMAL} payments only.
 */
public enum PaymentPriority {
    URGENT,
    HIGH,
    NORMAL
}
