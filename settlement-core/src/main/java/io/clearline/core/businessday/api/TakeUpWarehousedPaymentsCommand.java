package io.clearline.core.businessday.api;

import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Takes every warehoused payment up on the business day {@code date}, in the order they were warehoused
 * (one {@link WarehousedPaymentTakenUpEvent} each). Does nothing unless {@code date} is the day open now
 * and before its cut-offs: the payments then wait for the next open. Sent by the business-day policy at the
 * open, once the accounts have started the day, so that taken-up payments count against the new day's limits.
 */
public record TakeUpWarehousedPaymentsCommand(@TargetAggregateIdentifier String network, LocalDate date) {
    public TakeUpWarehousedPaymentsCommand {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(date, "date");
    }

    public TakeUpWarehousedPaymentsCommand(LocalDate date) {
        this(BusinessDays.NETWORK, date);
    }
}
