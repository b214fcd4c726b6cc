package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;

/** A participant's position in every currency it holds; answered with a {@link PositionView}. */
public record FindPositionQuery(Bic bic) {
}
