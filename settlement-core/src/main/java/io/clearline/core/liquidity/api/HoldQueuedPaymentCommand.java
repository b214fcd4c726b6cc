package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Keep the queued payment {@code uetr} in its place but out of settlement until it is released
 * ({@link ReleaseHeldPaymentCommand}). A held payment does not block the payments queued behind it.
 * Holding a held payment again changes nothing; a payment not in the queue fails with
 * {@link IllegalStateException}.
 */
public record HoldQueuedPaymentCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr) {
}
