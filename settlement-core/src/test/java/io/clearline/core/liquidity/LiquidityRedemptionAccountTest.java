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

/** A redemption on the liquidity account: reserve first, then debit or release. */
class LiquidityRedemptionAccountTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");

    private final AggregateTestFixture<LiquidityAccount> fixture = new AggregateTestFixture<>(LiquidityAccount.class);

    private LiquidityPledgedEvent pledged(long minorUnits) {
        return new LiquidityPledgedEvent("T-1", BANK_A, euros(minorUnits), "tx-pledge", fixture.currentTime());
    }

    private RedemptionReservedEvent reserved(long minorUnits) {
        return new RedemptionReservedEvent(ACCOUNT, "R-1", euros(minorUnits), fixture.currentTime());
    }

    @Test
    void aRedemptionWithinAvailableLiquidityIsReserved() {
        fixture.given(pledged(1_000))
                .when(new ReserveRedemptionCommand(ACCOUNT, "R-1", euros(1_000)))
                .expectEvents(reserved(1_000));
    }

    @Test
    void aRedemptionBeyondAvailableLiquidityIsRefusedWithAm04AndNothingMoves() {
        fixture.given(pledged(1_000), new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()))
                .when(new ReserveRedemptionCommand(ACCOUNT, "R-1", euros(500)))
                .expectEvents(new RedemptionReservationRefusedEvent(ACCOUNT, "R-1", euros(500),
                        Reason.of(ReasonCode.AM04, "available liquidity 400 does not cover the redemption of 500 EUR"),
                        fixture.currentTime()));
    }

    @Test
    void reservingTheSameRedemptionAgainIsHarmless() {
        fixture.given(pledged(1_000), reserved(1_000))
                .when(new ReserveRedemptionCommand(ACCOUNT, "R-1", euros(1_000)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void paymentsCannotSpendWhatARedemptionReserved() {
        fixture.given(pledged(1_000), reserved(700))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(301)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(301), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.AM04, "available liquidity 300 does not cover 301 EUR"),
                        fixture.currentTime()));
    }

    @Test
    void aRedeemedReservationIsDebitedOnce() {
        fixture.given(pledged(1_000), reserved(700))
                .when(new DebitRedemptionCommand(ACCOUNT, "R-1", "tx-1"))
                .expectEvents(new LiquidityRedeemedEvent("R-1", BANK_A, euros(700), "tx-1", fixture.currentTime()));
        fixture.given(pledged(1_000), reserved(700),
                        new LiquidityRedeemedEvent("R-1", BANK_A, euros(700), "tx-1", fixture.currentTime()))
                .when(new DebitRedemptionCommand(ACCOUNT, "R-1", "tx-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFailedRedemptionReleasesItsReservationAndTheQueueMovesOn() {
        LiquidityReservationQueuedEvent queued = new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(500),
                PaymentPriority.NORMAL, Reason.of(ReasonCode.AM04, "short"), fixture.currentTime());
        fixture.given(pledged(1_000), reserved(700), queued)
                .when(new ReleaseRedemptionCommand(ACCOUNT, "R-1"))
                .expectEvents(new RedemptionReservationReleasedEvent(ACCOUNT, "R-1", euros(700), fixture.currentTime()),
                        new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(500), fixture.currentTime(),
                                PaymentPriority.NORMAL, null));
    }

    @Test
    void releasingARedemptionNotHeldIsHarmless() {
        fixture.given(pledged(1_000))
                .when(new ReleaseRedemptionCommand(ACCOUNT, "R-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
