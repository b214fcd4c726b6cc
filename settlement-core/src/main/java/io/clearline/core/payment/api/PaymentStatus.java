package io.clearline.core.payment.api;

/**
 * RECEIVED → (QUEUED →) SETTLING → SETTLED (→ RETURNED once its payee has returned all of it);
 * REJECTED and CANCELLED end a payment that never settled.
 */
public enum PaymentStatus {
    RECEIVED, QUEUED, SETTLING, SETTLED, REJECTED, CANCELLED, RETURNED
}
