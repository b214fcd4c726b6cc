package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

/** Ledger cash was issued against the participant's reserves; its balance grew by {@code amount}. */
public record LiquidityPledgedEvent(
        String transferId, Bic participant, Money amount, String ledgerTransactionId, Instant pledgedAt) {
}
