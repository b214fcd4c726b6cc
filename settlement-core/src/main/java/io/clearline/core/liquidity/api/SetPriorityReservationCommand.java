package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.PaymentPriority;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep {@code amount} of the account's liquidity for payments of {@code priority} (HIGH or URGENT),
 * as in T2: a NORMAL payment may use only what is not kept for HIGH or URGENT ones, a HIGH payment
 * what is not kept for URGENT ones, an URGENT payment everything. Zero removes the reservation; the
 * same amount again changes nothing. A reservation larger than the balance keeps all of it.
 */
public record SetPriorityReservationCommand(@TargetAggregateIdentifier LiquidityAccountId accountId,
                                            PaymentPriority priority, Money amount) {
    public SetPriorityReservationCommand {
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(amount, "amount");
        if (priority == PaymentPriority.NORMAL) {
            throw new IllegalArgumentException("liquidity is reserved for HIGH or URGENT payments; NORMAL ones use"
                    + " what is left");
        }
        if (amount.minorUnits() < 0) {
            throw new IllegalArgumentException("a reservation is never negative: " + amount);
        }
    }
}
