package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;

/** {@code amount} of the account's liquidity is kept for {@code priority} payments from now (zero: none). */
public record PriorityReservationSetEvent(LiquidityAccountId accountId, PaymentPriority priority, Money amount,
                                          Instant setAt) {
}
