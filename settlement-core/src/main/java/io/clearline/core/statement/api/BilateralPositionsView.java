package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.util.List;
import java.util.Objects;

/** A bank's bilateral positions, ordered by currency, then counterparty. */
public record BilateralPositionsView(Bic bic, List<BilateralPosition> positions) {
    public BilateralPositionsView {
        Objects.requireNonNull(bic, "bic");
        positions = List.copyOf(positions);
    }
}
