package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import java.util.List;

public record PositionView(Bic bic, List<CurrencyPosition> currencies) {
}
