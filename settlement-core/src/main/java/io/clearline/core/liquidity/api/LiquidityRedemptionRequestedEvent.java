package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

/** A redemption was accepted for processing; the liquidity is yet to be reserved and the cash redeemed. */
public record LiquidityRedemptionRequestedEvent(String transferId, Bic participant, Money amount, Instant requestedAt) {
}
