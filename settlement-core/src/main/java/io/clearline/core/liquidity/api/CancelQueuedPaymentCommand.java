package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Take the queued payment {@code uetr} out of the queue for {@code reason}; the payment ends
 * CANCELLED. Cancelling it again changes nothing; a payment reserved or settling cannot be cancelled
 * here and fails with {@link IllegalStateException}.
 */
public record CancelQueuedPaymentCommand(
        @TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr, Reason reason) {
}
