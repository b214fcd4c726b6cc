package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The warehoused payment is received again on business day {@code date} and goes through the normal path.
 * A payment not warehoused (taken up already) is left as it is; a cancelled one fails with
 * {@link IllegalStateException}.
 */
public record TakeUpWarehousedPaymentCommand(@TargetAggregateIdentifier Uetr uetr, LocalDate date) {
}
