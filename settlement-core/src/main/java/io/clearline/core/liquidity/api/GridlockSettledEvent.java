package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import java.time.Instant;

/**
 * The account's part of a gridlock run settled on the ledger: the balance moved by {@code incoming}
 * minus {@code outgoing} in one step, and {@code held} left reserved.
 */
public record GridlockSettledEvent(LiquidityAccountId accountId, String runId, Money outgoing, Money incoming,
                                   Money held, String ledgerTransactionId, Instant settledAt) {
}
