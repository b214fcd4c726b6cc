package io.clearline.core.businessday.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sets what the network does with payments after a cut-off; a node sends it at start, after
 * {@link RegisterNetworkCommand}, from its configuration. Setting the handling in force changes nothing.
 * Switching to REJECT leaves payments already warehoused where they are: they are still taken up when
 * the next business day opens. Fails with Axon's aggregate-not-found before the network is registered.
 */
public record SetAfterCutOffHandlingCommand(@TargetAggregateIdentifier String network, AfterCutOffHandling handling) {
    public SetAfterCutOffHandlingCommand {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(handling, "handling");
    }

    public SetAfterCutOffHandlingCommand(AfterCutOffHandling handling) {
        this(BusinessDays.NETWORK, handling);
    }
}
