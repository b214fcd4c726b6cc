package io.clearline.core.liquidity.api;

import java.time.Instant;
import java.time.LocalDate;

public record AccountBusinessDayStartedEvent(LiquidityAccountId accountId, LocalDate date, Instant startedAt) {
}
