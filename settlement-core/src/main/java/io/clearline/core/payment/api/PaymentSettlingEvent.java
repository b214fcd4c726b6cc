package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** Liquidity is reserved and the payment has been handed to the ledger. */
public record PaymentSettlingEvent(Uetr uetr, Bic payer, Bic payee, Money amount, Instant settlingSince) {
}
