package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Pass the open day's cut-off: new payments are refused from now on (TM01). Again changes nothing. */
public record CutOffBusinessDayCommand(@TargetAggregateIdentifier String network) {
    public CutOffBusinessDayCommand() {
        this(BusinessDays.NETWORK);
    }
}
