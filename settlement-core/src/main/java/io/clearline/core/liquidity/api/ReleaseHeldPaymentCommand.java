package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Let the held payment {@code uetr} compete for settlement again, from the place it kept; the queue
 * is re-examined at once. Releasing a payment not held changes nothing; a payment not in the queue
 * fails with {@link IllegalStateException}.
 */
public record ReleaseHeldPaymentCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Uetr uetr) {
}
