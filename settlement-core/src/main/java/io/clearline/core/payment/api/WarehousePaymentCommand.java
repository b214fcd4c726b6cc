package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The business day keeps the received payment for the next one, for {@code reason}. A payment already
 * warehoused is left as it is; one past receipt (queued, settling, final) fails with {@link IllegalStateException}.
 */
public record WarehousePaymentCommand(@TargetAggregateIdentifier Uetr uetr, Reason reason) {
}
