package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * Revision 2 added {@code payer}.
 * The balance grew by {@code amount}, paid by {@code payer}. {@code payer} is null in events stored
 * before limits existed; such a credit lowers only the total net outflow.
 */
@Revision("2")
public record IncomingPaymentCreditedEvent(
        LiquidityAccountId accountId, Uetr uetr, Money amount, Instant creditedAt, Bic payer) {

    public IncomingPaymentCreditedEvent(LiquidityAccountId accountId, Uetr uetr, Money amount, Instant creditedAt) {
        this(accountId, uetr, amount, creditedAt, null);
    }
}
