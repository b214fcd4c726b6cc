package io.clearline.ops.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.DemoNodes;
import io.clearline.ops.Eventually;
import java.nio.file.Path;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/** The demo network's opening balances: issued on the first start of a data folder, never again. */
class DemoNetworkRestartTest {
    /** The demo profile's opening balances, in minor units. */
    private static final Map<String, Long> OPENING = Map.of(
            "ALPHEUAAXXX", 1_000_000_000L, "BRAVEUBBXXX", 1_000_000_000L,
            "CHRLEUCCXXX", 1_000_000_000L, "DELTEUDDXXX", 100_000L);
    private static final long OPENING_TOTAL = OPENING.values().stream().mapToLong(Long::longValue).sum();

    @TempDir
    Path dataDir;

    @Test
    void restartingTheDemoIssuesNoOpeningBalanceTwice() {
        try (ConfigurableApplicationContext first = DemoNodes.start(dataDir)) {
            awaitOpeningBalances(first);
            assertThat(first.getBean(ClearlineLedger.class).issued("EUR")).isEqualTo(OPENING_TOTAL);
        }
        try (ConfigurableApplicationContext second = DemoNodes.start(dataDir)) {
            DemoNodes.awaitCaughtUp(second);
            awaitOpeningBalances(second);
            ClearlineLedger ledger = second.getBean(ClearlineLedger.class);
            assertThat(ledger.issued("EUR")).isEqualTo(OPENING_TOTAL);
            assertThat(ledger.cashInCirculation("EUR")).isEqualTo(OPENING_TOTAL);
            OPENING.forEach((bic, amount) -> assertThat(ledger.cashBalance(Bic.of(bic), "EUR")).isEqualTo(amount));
        }
    }

    private static void awaitOpeningBalances(ConfigurableApplicationContext node) {
        QueryGateway queries = node.getBean(QueryGateway.class);
        Eventually.until("the opening balances", () -> OPENING.entrySet().stream().allMatch(opening -> {
            PositionView position = queries.query(new FindPositionQuery(Bic.of(opening.getKey())),
                    ResponseTypes.instanceOf(PositionView.class)).join();
            return position.currencies().stream().map(CurrencyPosition::balance)
                    .anyMatch(balance -> balance.minorUnits() == opening.getValue());
        }));
    }
}
