package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment will not settle. Rejecting a settled payment is a bug and fails with an exception. */
public record RejectPaymentCommand(@TargetAggregateIdentifier Uetr uetr, Reason reason) {
}
