package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment left its payer's queue, or the warehouse for the next business day, without settling.
 * Only a received, queued or warehoused payment can be cancelled; a settling or settled one fails with
 * {@link IllegalStateException}; a payment already cancelled or rejected is left as it is.
 */
public record CancelPaymentCommand(@TargetAggregateIdentifier Uetr uetr, Reason reason) {
}
