package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

/** Ledger cash went back to the central bank: the participant's balance and reserved both fell by {@code amount}. */
public record LiquidityRedeemedEvent(
        String transferId, Bic participant, Money amount, String ledgerTransactionId, Instant redeemedAt) {
}
