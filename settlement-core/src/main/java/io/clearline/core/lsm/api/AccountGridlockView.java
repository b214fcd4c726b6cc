package io.clearline.core.lsm.api;

import io.clearline.core.liquidity.api.LiquidityAccountId;
import java.util.List;
import java.util.Objects;

/**
 * What one liquidity account contributes to a gridlock snapshot, read from the account itself:
 * its available liquidity, its limits as the headroom left (the limit minus the net outflow already
 * settled or reserved, never below zero) and its queue. Each account is consistent with itself;
 * accounts are read one after another, which is why every account checks its part again when the
 * run reserves it.
 */
public record AccountGridlockView(LiquidityAccountId accountId, ParticipantLiquidity liquidity,
                                  List<QueuedPayment> queue) {
    public AccountGridlockView {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(liquidity, "liquidity");
        queue = List.copyOf(queue);
    }
}
