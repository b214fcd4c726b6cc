package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import java.util.Objects;

/** One liquidity account per participant and currency. Its string form is the aggregate id. */
public record LiquidityAccountId(Bic bic, String currency) {
    public LiquidityAccountId {
        Objects.requireNonNull(bic, "bic");
        Objects.requireNonNull(currency, "currency");
    }

    @Override
    public String toString() {
        return bic.value() + "/" + currency;
    }
}
