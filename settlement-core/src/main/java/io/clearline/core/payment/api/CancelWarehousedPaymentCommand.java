package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payer cancels its payment while it waits WAREHOUSED for the next business day. Fails with
 * {@link IllegalStateException} once it is taken up (or was never warehoused): it may then be settling, and
 * only its queue may cancel it. A payment already cancelled is left as it is.
 */
public record CancelWarehousedPaymentCommand(@TargetAggregateIdentifier Uetr uetr, Reason reason) {
}
