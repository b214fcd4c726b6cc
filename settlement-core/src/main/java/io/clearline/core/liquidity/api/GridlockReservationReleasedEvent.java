package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.GridlockLeg;
import java.time.Instant;
import java.util.List;

/** The run did not settle: its outgoing payments are queued again at their places, {@code held} freed. */
public record GridlockReservationReleasedEvent(LiquidityAccountId accountId, String runId,
                                               List<GridlockLeg> outgoing, Money held, Instant releasedAt) {
    public GridlockReservationReleasedEvent {
        outgoing = List.copyOf(outgoing);
    }
}
