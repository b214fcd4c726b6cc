package io.clearline.core.ledger.api;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Payments of one currency that settle together, as one multilateral transaction: each party pays
 * or receives only its net, and every payment is recorded. {@code runId} is the idempotency key.
 */
public record NettedSettlementRequest(String runId, String currency, List<PaymentSettlementRequest> payments) {
    /** A named bound on one transaction's size: every payment is an output and every payer signs. */
    public static final int PAYMENTS_MAX = 10_000;

    public NettedSettlementRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(currency, "currency");
        payments = List.copyOf(payments);
        if (payments.isEmpty() || payments.size() > PAYMENTS_MAX) {
            throw new IllegalArgumentException("a netted settlement holds 1 to " + PAYMENTS_MAX + " payments, not "
                    + payments.size());
        }
        Set<String> uetrs = new HashSet<>();
        for (PaymentSettlementRequest payment : payments) {
            if (!payment.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("payment " + payment.uetr() + " is in " + payment.amount().currency()
                        + ", not the settlement's " + currency);
            }
            if (!uetrs.add(payment.uetr().value())) {
                throw new IllegalArgumentException("payment " + payment.uetr() + " appears twice");
            }
        }
    }
}
