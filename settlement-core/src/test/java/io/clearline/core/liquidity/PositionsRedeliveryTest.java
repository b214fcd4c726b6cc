package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A pooled processor redelivers a whole batch after a failure: the in-memory positions must not count
 * an event twice.
 */
class PositionsRedeliveryTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");

    @Test
    void aRedeliveredBatchChangesNoPosition() {
        PositionsProjection projection = new PositionsProjection();
        LiquidityPledgedEvent pledged = new LiquidityPledgedEvent("T-1", BANK_A, euros(1_000), "tx-1", AT);
        LiquidityReservedEvent reserved = new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(300), AT);
        projection.on(pledged, 0);
        projection.on(reserved, 1);
        List<CurrencyPosition> once = projection.handle(new FindPositionQuery(BANK_A)).currencies();

        projection.on(pledged, 0);
        projection.on(reserved, 1);

        assertThat(projection.handle(new FindPositionQuery(BANK_A)).currencies()).isEqualTo(once)
                .containsExactly(new CurrencyPosition(euros(1_000), euros(300), euros(700)));
    }
}
