package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.time.Instant;

public record LiquidityTransferCompletedEvent(
        String transferId, Bic participant, Money amount, String ledgerTransactionId, Instant completedAt) {
}
