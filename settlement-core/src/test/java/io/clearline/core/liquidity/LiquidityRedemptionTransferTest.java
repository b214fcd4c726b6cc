package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;

import io.clearline.core.StubLedgerPort;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.liquidity.api.CompleteLiquidityTransferCommand;
import io.clearline.core.liquidity.api.DebitRedemptionCommand;
import io.clearline.core.liquidity.api.FailLiquidityTransferCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.liquidity.api.LiquidityRedemptionRequestedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferCompletedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferFailedEvent;
import io.clearline.core.liquidity.api.RedeemLiquidityCommand;
import io.clearline.core.liquidity.api.RedemptionReservationRefusedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationReleasedEvent;
import io.clearline.core.liquidity.api.RedemptionReservedEvent;
import io.clearline.core.liquidity.api.ReleaseRedemptionCommand;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.liquidity.api.ReserveRedemptionCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

/** A redemption on the liquidity transfer, rule by rule. */
class LiquidityRedemptionTransferTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");

    private final AggregateTestFixture<LiquidityTransfer> fixture = new AggregateTestFixture<>(LiquidityTransfer.class);

    private LiquidityRedemptionRequestedEvent requested() {
        return new LiquidityRedemptionRequestedEvent("R-1", BANK_A, euros(1_000), fixture.currentTime());
    }

    @Test
    void aRedemptionIsRequested() {
        fixture.givenNoPriorActivity()
                .when(new RedeemLiquidityCommand("R-1", BANK_A, euros(1_000)))
                .expectEvents(requested());
    }

    @Test
    void redeemingTheSameTransferIdAgainIsHarmless() {
        fixture.given(requested())
                .when(new RedeemLiquidityCommand("R-1", BANK_A, euros(1_000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aZeroRedemptionIsABug() {
        fixture.givenNoPriorActivity()
                .when(new RedeemLiquidityCommand("R-1", BANK_A, euros(0)))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void aRequestedRedemptionCompletesWithItsLedgerTransaction() {
        fixture.given(requested())
                .when(new CompleteLiquidityTransferCommand("R-1", "tx-1"))
                .expectEvents(new LiquidityTransferCompletedEvent("R-1", BANK_A, euros(1_000), "tx-1",
                        fixture.currentTime()));
    }
}
