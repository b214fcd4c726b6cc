package io.clearline.core.lsm.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import java.util.Objects;

/**
 * A queued payment as the gridlock resolver sees it, in the currency of its {@link GridlockInput}.
 *
 * @param arrivalSequence the payment's place in the queue: lower arrived earlier (FIFO order
 *     within a priority). Ties are broken by UETR so the result never depends on input order.
 * @param held a held payment stays queued whatever the liquidity.
 */
public record QueuedPayment(
        Uetr uetr,
        Bic payer,
        Bic payee,
        long amountMinorUnits,
        PaymentPriority priority,
        long arrivalSequence,
        boolean held) {

    public QueuedPayment {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(priority, "priority");
        if (amountMinorUnits <= 0) {
            throw new IllegalArgumentException("a queued payment moves more than nothing: " + uetr
                    + " has amount " + amountMinorUnits);
        }
        if (payer.equals(payee)) {
            throw new IllegalArgumentException("a payment goes to another participant: " + uetr + " pays " + payer
                    + " to itself");
        }
    }
}
