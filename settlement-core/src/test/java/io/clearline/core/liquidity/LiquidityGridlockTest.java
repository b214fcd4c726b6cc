package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.BilateralLimitSetEvent;
import io.clearline.core.liquidity.api.GridlockReservationReleasedEvent;
import io.clearline.core.liquidity.api.GridlockReservedEvent;
import io.clearline.core.liquidity.api.GridlockSettledEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.liquidity.api.ReleaseGridlockCommand;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.liquidity.api.SettleGridlockCommand;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A liquidity account's part in a gridlock run: its snapshot, its reservation, settlement and release. */
class LiquidityGridlockTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Reason SHORT = Reason.of(ReasonCode.AM04, "short");
    private static final String RUN = "lsm-1";
    private AggregateTestFixture<LiquidityAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LiquidityAccount.class);
    }

    private LiquidityPledgedEvent pledged(long minorUnits) {
        return new LiquidityPledgedEvent("T-1", BANK_A, euros(minorUnits), "tx-T-1", fixture.currentTime());
    }

    private LiquidityReservationQueuedEvent queued(Uetr uetr, long minorUnits, Bic payee) {
        return new LiquidityReservationQueuedEvent(ACCOUNT, uetr, euros(minorUnits), PaymentPriority.NORMAL, SHORT,
                fixture.currentTime(), payee);
    }

    private static GridlockLeg leg(Uetr uetr, Bic counterparty, long minorUnits) {
        return new GridlockLeg(uetr, counterparty, euros(minorUnits), PaymentPriority.NORMAL);
    }

    private GridlockReservedEvent reservedForRun(long held) {
        return new GridlockReservedEvent(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)), List.of(leg(UETR_3, BANK_C, 450)),
                euros(held), fixture.currentTime());
    }

    @Test
    void theSnapshotShowsAvailableLiquidityLimitHeadroomAndTheQueueInPolicyOrder() {
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), queued(UETR_2, 70, BANK_C),
                        new QueuedPaymentHeldEvent(ACCOUNT, UETR_2, fixture.currentTime()),
                        new BilateralLimitSetEvent(ACCOUNT, BANK_B, euros(800), fixture.currentTime()))
                .when(new ReadGridlockViewCommand(ACCOUNT))
                .expectNoEvents()
                .expectResultMessagePayload(new AccountGridlockView(ACCOUNT,
                        new ParticipantLiquidity(BANK_A, 100, Map.of(BANK_B, 800L), OptionalLong.empty()),
                        List.of(new QueuedPayment(UETR_1, BANK_A, BANK_B, 500, PaymentPriority.NORMAL, 0, false),
                                new QueuedPayment(UETR_2, BANK_A, BANK_C, 70, PaymentPriority.NORMAL, 1, true))));
    }

    @Test
    void aRunReservesOnlyWhatItsOutgoingLegsTakeBeyondItsIncomingOnes() {
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                        List.of(leg(UETR_3, BANK_C, 450))))
                .expectEvents(reservedForRun(50));
    }

    @Test
    void aRunIsRefusedWhenAvailableLiquidityPlusIncomingDoesNotCoverOutgoing() {
        fixture.given(pledged(10), queued(UETR_1, 500, BANK_B))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                        List.of(leg(UETR_3, BANK_C, 450))))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("AM04"));
    }

    @Test
    void aRunIsRefusedForAPaymentHeldSinceTheSnapshot() {
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B),
                        new QueuedPaymentHeldEvent(ACCOUNT, UETR_1, fixture.currentTime()))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("is held"));
    }

    @Test
    void aRunIsRefusedForAPaymentNoLongerQueued() {
        fixture.given(pledged(1_000))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)), List.of()))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("no longer queued"));
    }

    @Test
    void aRunIsRefusedWhenItsNormalLegsWouldExceedABilateralLimit() {
        fixture.given(pledged(1_000), queued(UETR_1, 500, BANK_B),
                        new BilateralLimitSetEvent(ACCOUNT, BANK_B, euros(400), fixture.currentTime()))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                        List.of(leg(UETR_3, BANK_C, 450))))
                .expectNoEvents()
                .expectExceptionMessage(org.hamcrest.Matchers.containsString("bilateral limit towards " + BANK_B));
    }

    @Test
    void aSettledRunMovesTheBalanceByItsNetInOneStep() {
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), reservedForRun(50))
                .when(new SettleGridlockCommand(ACCOUNT, RUN, "tx-run"))
                .expectEvents(new GridlockSettledEvent(ACCOUNT, RUN, euros(500), euros(450), euros(50), "tx-run",
                        fixture.currentTime()));
        // 100 + 450 - 500 = 50 left, all of it available: a covered payment is reserved at once.
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), reservedForRun(50),
                        new GridlockSettledEvent(ACCOUNT, RUN, euros(500), euros(450), euros(50), "tx-run",
                                fixture.currentTime()))
                .when(new io.clearline.core.liquidity.api.ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(50),
                        PaymentPriority.NORMAL, BANK_C))
                .expectEvents(new LiquidityReservedEvent(ACCOUNT, UETR_2, euros(50), fixture.currentTime(),
                        PaymentPriority.NORMAL, BANK_C));
    }

    @Test
    void aReleasedRunPutsItsPaymentsBackAtTheirPlacesAndTheSameRunAgainChangesNothing() {
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), reservedForRun(50))
                .when(new ReleaseGridlockCommand(ACCOUNT, RUN))
                .expectEvents(new GridlockReservationReleasedEvent(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                        euros(50), fixture.currentTime()));
        // Back in the queue before the later payment: the later one, though covered, waits behind it (FIFO).
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), reservedForRun(50),
                        new GridlockReservationReleasedEvent(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                                euros(50), fixture.currentTime()))
                .when(new io.clearline.core.liquidity.api.ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(50),
                        PaymentPriority.NORMAL, BANK_C))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_2, euros(50), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.NARR, "1 earlier queued payments of priority NORMAL or higher wait "
                                + "before it (FIFO)"), fixture.currentTime(), BANK_C));
        fixture.given(pledged(100), queued(UETR_1, 500, BANK_B), reservedForRun(50),
                        new GridlockReservationReleasedEvent(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)),
                                euros(50), fixture.currentTime()))
                .when(new ReserveForGridlockCommand(ACCOUNT, RUN, List.of(leg(UETR_1, BANK_B, 500)), List.of()))
                .expectNoEvents();
    }
}
