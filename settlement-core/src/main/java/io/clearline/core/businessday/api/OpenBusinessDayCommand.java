package io.clearline.core.businessday.api;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Open business day {@code date}: after the previous one closed, and only for a later date. Opening
 * the day that is open again changes nothing. Every liquidity account starts the day with its limits'
 * use at zero.
 */
public record OpenBusinessDayCommand(@TargetAggregateIdentifier String network, LocalDate date) {
    public OpenBusinessDayCommand {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(date, "date");
    }

    public OpenBusinessDayCommand(LocalDate date) {
        this(BusinessDays.NETWORK, date);
    }
}
