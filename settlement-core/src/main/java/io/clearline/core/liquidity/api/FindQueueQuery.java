package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;

/** A participant's queued outgoing payments in every currency; answered with a {@link QueueView}. */
public record FindQueueQuery(Bic bic) {
}
