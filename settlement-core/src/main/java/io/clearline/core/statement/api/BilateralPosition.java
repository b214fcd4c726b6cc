package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.util.Objects;

/**
 * What a bank paid to and received from one counterparty in one currency since the business day began,
 * in minor units; the net is signed, below zero when the bank paid more than it received.
 */
public record BilateralPosition(String currency, Bic counterparty, long paidMinorUnits, long receivedMinorUnits) {
    public BilateralPosition {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(counterparty, "counterparty");
    }

    public long netMinorUnits() {
        return Math.subtractExact(receivedMinorUnits, paidMinorUnits);
    }
}
