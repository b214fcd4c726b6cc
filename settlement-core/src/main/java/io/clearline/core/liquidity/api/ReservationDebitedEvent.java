package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** Balance and reserved both fell by {@code amount}; available is unchanged. */
public record ReservationDebitedEvent(LiquidityAccountId accountId, Uetr uetr, Money amount, Instant debitedAt) {
}
