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

/** The saga of a redemption: reserve, redeem on the ledger, then debit or release. */
class LiquidityRedemptionSagaTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");

    private final SagaTestFixture<LiquidityPledgeSaga> fixture = new SagaTestFixture<>(LiquidityPledgeSaga.class);
    private final StubLedgerPort ledger = new StubLedgerPort();
    private final LiquidityRedemptionRequestedEvent requested =
            new LiquidityRedemptionRequestedEvent("R-1", BANK_A, euros(1_000), AT);

    LiquidityRedemptionSagaTest() {
        fixture.registerResource(ledger);
    }

    @Test
    void aRequestedRedemptionReservesFirstAndDoesNotCallTheLedgerYet() {
        fixture.givenNoPriorActivity()
                .whenAggregate("R-1").publishes(requested)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new ReserveRedemptionCommand(ACCOUNT, "R-1", euros(1_000)));
        org.assertj.core.api.Assertions.assertThat(ledger.redemptionCalls).hasValue(0);
    }

    @Test
    void aReservedRedemptionRedeemsOnTheLedgerAndCompletesTheTransfer() {
        fixture.givenAggregate("R-1").published(requested)
                .whenAggregate(ACCOUNT.toString()).publishes(
                        new RedemptionReservedEvent(ACCOUNT, "R-1", euros(1_000), AT))
                .expectDispatchedCommands(new CompleteLiquidityTransferCommand("R-1", "tx-R-1"));
    }

    @Test
    void aRefusedReservationFailsTheTransferWithItsReasonWithoutCallingTheLedger() {
        Reason short_ = Reason.of(ReasonCode.AM04, "available liquidity 0 does not cover the redemption");
        fixture.givenAggregate("R-1").published(requested)
                .whenAggregate(ACCOUNT.toString()).publishes(
                        new RedemptionReservationRefusedEvent(ACCOUNT, "R-1", euros(1_000), short_, AT))
                .expectDispatchedCommands(new FailLiquidityTransferCommand("R-1", short_));
        org.assertj.core.api.Assertions.assertThat(ledger.redemptionCalls).hasValue(0);
    }

    @Test
    void aLedgerRefusalFailsTheTransfer() {
        Reason refusal = Reason.of(ReasonCode.AM04, "too little cash");
        ledger.redemption = request -> CompletableFuture.failedFuture(new LedgerRefusedException(refusal));
        fixture.givenAggregate("R-1").published(requested)
                .whenAggregate(ACCOUNT.toString()).publishes(
                        new RedemptionReservedEvent(ACCOUNT, "R-1", euros(1_000), AT))
                .expectDispatchedCommands(new FailLiquidityTransferCommand("R-1", refusal));
    }

    @Test
    void aCompletedRedemptionDebitsTheAccountAndEnds() {
        fixture.givenAggregate("R-1").published(requested)
                .whenAggregate("R-1").publishes(
                        new LiquidityTransferCompletedEvent("R-1", BANK_A, euros(1_000), "tx-R-1", AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new DebitRedemptionCommand(ACCOUNT, "R-1", "tx-R-1"));
    }

    @Test
    void aFailedRedemptionReleasesTheReservationAndEnds() {
        fixture.givenAggregate("R-1").published(requested)
                .whenAggregate("R-1").publishes(new LiquidityTransferFailedEvent("R-1", BANK_A, euros(1_000),
                        Reason.of(ReasonCode.AM04, "too little cash"), AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseRedemptionCommand(ACCOUNT, "R-1"));
    }
}
