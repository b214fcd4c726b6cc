package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

/** A pledge was accepted for processing; the ledger has yet to issue the cash. */
public record LiquidityPledgeRequestedEvent(String transferId, Bic participant, Money amount, Instant requestedAt) {
}
