package io.clearline.core.payment.api;

/** What {@link SubmitPaymentCommand} answers to its sender. */
public enum SubmitPaymentOutcome {
    /** A new payment; its settlement has started. */
    ACCEPTED,
    /** The same payment was submitted before; nothing happened again. */
    REPEATED,
    /** The UETR belongs to another payment; this one is refused with AM05 and nothing changed. */
    DUPLICATE
}
