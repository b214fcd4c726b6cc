package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 added {@code payee}.
 * Nothing was reserved yet: the payment waits in the account's queue, in policy order (priority,
 * then arrival), until a credit, a pledge, a released reservation or a changed limit lets it settle.
 * {@code reason} says why it could not settle at once: FIFO, liquidity, or the limit it would exceed.
 * {@code payee} is null in events stored before limits existed.
 */
@Revision("2")
public record LiquidityReservationQueuedEvent(
        LiquidityAccountId accountId, Uetr uetr, Money amount, PaymentPriority priority, Reason reason,
        Instant queuedAt, Bic payee) {

    public LiquidityReservationQueuedEvent(
            LiquidityAccountId accountId, Uetr uetr, Money amount, PaymentPriority priority, Reason reason,
            Instant queuedAt) {
        this(accountId, uetr, amount, priority, reason, queuedAt, null);
    }
}
