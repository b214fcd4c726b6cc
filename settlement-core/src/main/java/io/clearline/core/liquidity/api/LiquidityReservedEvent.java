package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 added {@code priority} and {@code payee}.
 * {@code amount} is held for the payment {@code uetr} to {@code payee}. The account needs the priority
 * and the payee to count a NORMAL payment against its limits once it settles. Events stored before
 * limits existed carry neither: they read as NORMAL to an unknown payee (a null {@code payee}).
 */
@Revision("2")
public record LiquidityReservedEvent(
        LiquidityAccountId accountId, Uetr uetr, Money amount, Instant reservedAt, PaymentPriority priority,
        Bic payee) {

    public LiquidityReservedEvent {
        priority = priority == null ? PaymentPriority.NORMAL : priority;
    }

    public LiquidityReservedEvent(LiquidityAccountId accountId, Uetr uetr, Money amount, Instant reservedAt) {
        this(accountId, uetr, amount, reservedAt, PaymentPriority.NORMAL, null);
    }
}
