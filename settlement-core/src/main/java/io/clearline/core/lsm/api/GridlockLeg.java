package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.util.Objects;

/**
 * One payment of a gridlock run as one of its two accounts sees it: an outgoing leg names the
 * payee as {@code counterparty}, an incoming leg names the payer.
 */
public record GridlockLeg(Uetr uetr, Bic counterparty, Money amount, PaymentPriority priority) {
    public GridlockLeg {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(counterparty, "counterparty");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(priority, "priority");
    }
}
