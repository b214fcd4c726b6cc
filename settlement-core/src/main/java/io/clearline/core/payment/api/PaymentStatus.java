package io.clearline.core.payment.api;

/**
 * RECEIVED → (QUEUED →) SETTLING → SETTLED (→ RETURNED once its payee has returned all of it);
 * REJECTED and CANCELLED end a payment that never settled. A payment the business day did not take, on a
 * network that warehouses such payments, is WAREHOUSED until the next day opens, then RECEIVED again (or
 * CANCELLED by its payer meanwhile).
 */
public enum PaymentStatus {
    RECEIVED, QUEUED, SETTLING, SETTLED, REJECTED, CANCELLED, RETURNED, WAREHOUSED
}
