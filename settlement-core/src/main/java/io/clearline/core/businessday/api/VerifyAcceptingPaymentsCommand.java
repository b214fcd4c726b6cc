package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Succeeds while the business day takes new payments; fails with {@link PaymentsNotAcceptedException}
 * past its cut-off or after its close. A network that has never opened a business day runs without
 * one (Axon's aggregate-not-found, which callers treat as open).
 */
public record VerifyAcceptingPaymentsCommand(@TargetAggregateIdentifier String network) {
    public VerifyAcceptingPaymentsCommand() {
        this(BusinessDays.NETWORK);
    }
}
