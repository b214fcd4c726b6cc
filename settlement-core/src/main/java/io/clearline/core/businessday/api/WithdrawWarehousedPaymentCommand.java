package io.clearline.core.businessday.api;

import io.clearline.core.common.api.Uetr;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The warehoused payment was cancelled: it gives back its place. A payment not warehoused is left alone. */
public record WithdrawWarehousedPaymentCommand(@TargetAggregateIdentifier String network, Uetr uetr) {
    public WithdrawWarehousedPaymentCommand {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(uetr, "uetr");
    }

    public WithdrawWarehousedPaymentCommand(Uetr uetr) {
        this(BusinessDays.NETWORK, uetr);
    }
}
