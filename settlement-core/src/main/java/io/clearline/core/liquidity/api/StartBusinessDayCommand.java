package io.clearline.core.liquidity.api;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The account starts business day {@code date}: limits count the day's net outflow, so their use goes
 * back to zero. The same day again, or an earlier one, changes nothing.
 */
public record StartBusinessDayCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, LocalDate date) {
    public StartBusinessDayCommand {
        Objects.requireNonNull(date, "date");
    }
}
