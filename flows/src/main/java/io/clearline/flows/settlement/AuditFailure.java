package io.clearline.flows.settlement;

import java.util.Objects;

/** A transaction the regulator recorded but could not verify, and the sentence of the rule it broke. */
public record AuditFailure(String transactionId, String rule) {
    public AuditFailure {
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(rule, "rule");
    }
}
