package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;

public record QueuedPaymentReprioritisedEvent(LiquidityAccountId accountId, Uetr uetr, PaymentPriority from,
                                              PaymentPriority to, Instant reprioritisedAt) {
}
