package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Pass the open day's customer cut-off: new customer payments (pacs.008) are refused from now on (TM01),
 * interbank payments are still taken until the cut-off. Again, or after the cut-off, changes nothing.
 */
public record CutOffCustomerPaymentsCommand(@TargetAggregateIdentifier String network) {
    public CutOffCustomerPaymentsCommand() {
        this(BusinessDays.NETWORK);
    }
}
