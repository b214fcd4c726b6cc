package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import java.time.Instant;

/** The pledge did not happen; no cash was issued and no balance moved. */
public record LiquidityTransferFailedEvent(String transferId, Bic participant, Money amount, Reason reason, Instant failedAt) {
}
