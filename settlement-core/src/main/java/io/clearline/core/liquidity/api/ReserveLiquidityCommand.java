package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Hold {@code amount} of the account's available liquidity for the payment {@code uetr} to {@code payee},
 * or queue it. Answered by {@link LiquidityReservedEvent} when it is covered, nothing of the same or
 * higher priority waits before it and (for a NORMAL payment) it keeps the account within its bilateral
 * limit towards {@code payee} and its multilateral limit; by {@link LiquidityReservationQueuedEvent}
 * otherwise; by {@link LiquidityReservationRefusedEvent} (AM04) when the queue is full. The same UETR
 * again changes nothing. Without a priority it is {@link PaymentPriority#NORMAL}.
 *
 * <p>WARNING: {@code payee} may be null only for callers written before limits existed; such a payment
 * is checked against the multilateral limit alone, since no bilateral limit can name it.
 */
public record ReserveLiquidityCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr, Money amount, PaymentPriority priority,
        Bic payee) {

    public ReserveLiquidityCommand {
        priority = priority == null ? PaymentPriority.NORMAL : priority;
    }

    /** Kept so that callers written before limits compile; the payee is unknown. */
    public ReserveLiquidityCommand(LiquidityAccountId accountId, Uetr uetr, Money amount, PaymentPriority priority) {
        this(accountId, uetr, amount, priority, null);
    }

    public ReserveLiquidityCommand(LiquidityAccountId accountId, Uetr uetr, Money amount) {
        this(accountId, uetr, amount, PaymentPriority.NORMAL, null);
    }
}
