package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.api.CompleteLiquidityTransferCommand;
import io.clearline.core.liquidity.api.FailLiquidityTransferCommand;
import io.clearline.core.liquidity.api.LiquidityPledgeRequestedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferCompletedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferFailedEvent;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiquidityTransferTest {
    private AggregateTestFixture<LiquidityTransfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LiquidityTransfer.class);
    }

    private LiquidityPledgeRequestedEvent requested() {
        return new LiquidityPledgeRequestedEvent("T-1", BANK_A, euros(1_000), fixture.currentTime());
    }

    @Test
    void aPledgeIsRequested() {
        fixture.givenNoPriorActivity()
                .when(new PledgeLiquidityCommand("T-1", BANK_A, euros(1_000)))
                .expectEvents(requested());
    }

    @Test
    void pledgingTheSameTransferIdAgainIsHarmless() {
        fixture.given(requested())
                .when(new PledgeLiquidityCommand("T-1", BANK_A, euros(1_000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aZeroPledgeIsABug() {
        fixture.givenNoPriorActivity()
                .when(new PledgeLiquidityCommand("T-1", BANK_A, euros(0)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aRequestedTransferCompletesWithItsLedgerTransaction() {
        fixture.given(requested())
                .when(new CompleteLiquidityTransferCommand("T-1", "tx-1"))
                .expectEvents(new LiquidityTransferCompletedEvent("T-1", BANK_A, euros(1_000), "tx-1",
                        fixture.currentTime()));
    }

    @Test
    void aCompletedTransferCannotFail() {
        fixture.given(requested(), new LiquidityTransferCompletedEvent("T-1", BANK_A, euros(1_000), "tx-1",
                        fixture.currentTime()))
                .when(new FailLiquidityTransferCommand("T-1", Reason.of(ReasonCode.NARR, "late")))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aRequestedTransferCanFail() {
        Reason reason = Reason.of(ReasonCode.NARR, "no reserves");
        fixture.given(requested())
                .when(new FailLiquidityTransferCommand("T-1", reason))
                .expectEvents(new LiquidityTransferFailedEvent("T-1", BANK_A, euros(1_000), reason, fixture.currentTime()));
    }
}
