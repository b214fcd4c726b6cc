package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import java.time.Instant;
import java.util.Objects;

/**
 * A participant's balance and reserved liquidity per currency as they stood at {@code asOf}: after
 * every change made at or before that instant. Answered with a {@link PositionView} (empty before the
 * participant held anything). Fails with {@link IllegalArgumentException} for an instant older than
 * the history the node keeps.
 */
public record FindPositionAsOfQuery(Bic bic, Instant asOf) {
    public FindPositionAsOfQuery {
        Objects.requireNonNull(bic, "bic");
        Objects.requireNonNull(asOf, "asOf");
    }
}
