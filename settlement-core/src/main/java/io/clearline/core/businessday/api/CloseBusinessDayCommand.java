package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close the day (after its cut-off): every payment still queued is cancelled with TM01. Again changes
 * nothing.
 */
public record CloseBusinessDayCommand(@TargetAggregateIdentifier String network) {
    public CloseBusinessDayCommand() {
        this(BusinessDays.NETWORK);
    }
}
