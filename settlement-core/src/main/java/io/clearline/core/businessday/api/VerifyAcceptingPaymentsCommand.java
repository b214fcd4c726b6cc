package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Succeeds while the business day takes new payments of that kind; fails with
 * {@link PaymentsNotAcceptedException} past the cut-off that applies to it (the customer cut-off for a
 * customer payment, the interbank cut-off for the rest) or after the close. A network that has never
 * opened a business day runs without one (Axon's aggregate-not-found, which callers treat as open).
 */
public record VerifyAcceptingPaymentsCommand(@TargetAggregateIdentifier String network, boolean customerPayment) {
    public VerifyAcceptingPaymentsCommand(boolean customerPayment) {
        this(BusinessDays.NETWORK, customerPayment);
    }
}
