package io.clearline.core.businessday.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates the network's business-day aggregate, with no day yet, when it does not exist; otherwise
 * changes nothing. A node sends it at start, so that every payment's business-day check finds the
 * aggregate (in the cache) instead of searching the event store for one that was never created.
 */
public record RegisterNetworkCommand(@TargetAggregateIdentifier String network) {
    public RegisterNetworkCommand() {
        this(BusinessDays.NETWORK);
    }
}
