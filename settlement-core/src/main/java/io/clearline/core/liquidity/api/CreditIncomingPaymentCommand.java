package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The settled payment {@code uetr} arrived from {@code payer}: the payee's balance grows, and its net
 * outflow towards {@code payer} (and in total) falls, which may release payments queued on a limit.
 * Keyed by UETR. A null {@code payer} (callers written before limits) lowers only the total.
 */
public record CreditIncomingPaymentCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr, Money amount, Bic payer) {

    /** Kept so that callers written before limits compile; the payer is unknown. */
    public CreditIncomingPaymentCommand(LiquidityAccountId accountId, Uetr uetr, Money amount) {
        this(accountId, uetr, amount, null);
    }
}
