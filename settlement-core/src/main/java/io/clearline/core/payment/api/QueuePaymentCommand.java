package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payer's account queued the payment for {@code reason}. A payment already past the queue
 * (settling, settled, rejected, cancelled) is left as it is: the account's later decision won.
 */
public record QueuePaymentCommand(@TargetAggregateIdentifier Uetr uetr, Reason reason) {
}
