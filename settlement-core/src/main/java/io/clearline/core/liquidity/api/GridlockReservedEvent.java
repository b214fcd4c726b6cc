package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.GridlockLeg;
import java.time.Instant;
import java.util.List;

/**
 * The account's part of a gridlock run is reserved: the outgoing payments left the queue and
 * {@code held} (outgoing minus incoming, or zero) is added to reserved.
 */
public record GridlockReservedEvent(LiquidityAccountId accountId, String runId, List<GridlockLeg> outgoing,
                                   List<GridlockLeg> incoming, Money held, Instant reservedAt) {
    public GridlockReservedEvent {
        outgoing = List.copyOf(outgoing);
        incoming = List.copyOf(incoming);
    }
}
