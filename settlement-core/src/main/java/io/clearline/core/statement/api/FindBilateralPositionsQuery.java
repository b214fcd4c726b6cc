package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.util.Objects;

/**
 * A bank's bilateral positions over the running day, per currency and counterparty, from its payments:
 * answered with a {@link BilateralPositionsView}, kept as the payments are booked so that asking costs
 * nothing however busy the day (the workspace asks on every settlement).
 */
public record FindBilateralPositionsQuery(Bic bic) {
    public FindBilateralPositionsQuery {
        Objects.requireNonNull(bic, "bic");
    }
}
