package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.HeldPaymentReleasedEvent;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationRefusedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.EvaluatePaymentCommand;
import io.clearline.core.liquidity.api.FifoBypassSetEvent;
import io.clearline.core.liquidity.api.PaymentEvaluation;
import io.clearline.core.liquidity.api.FreezeQueueCommand;
import io.clearline.core.liquidity.api.SetFifoBypassCommand;
import io.clearline.core.liquidity.api.PriorityReservationSetEvent;
import io.clearline.core.liquidity.api.QueueFrozenEvent;
import io.clearline.core.liquidity.api.SetPriorityReservationCommand;
import io.clearline.core.liquidity.api.QueueThawedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.ThawQueueCommand;
import io.clearline.core.liquidity.api.QueuedPaymentReprioritisedEvent;
import io.clearline.core.liquidity.api.ReprioritiseQueuedPaymentCommand;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The payer's queue: priority, FIFO, re-examination on every credit, hold, release, cancel, and its limit. */
class LiquidityQueueTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Reason SHORT = Reason.of(ReasonCode.AM04, "short");
    private static final Reason OPERATOR = Reason.of(ReasonCode.NARR, "cancelled by the operator");
    private AggregateTestFixture<LiquidityAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LiquidityAccount.class);
    }

    private LiquidityPledgedEvent pledged(String transferId, long minorUnits) {
        return new LiquidityPledgedEvent(transferId, BANK_A, euros(minorUnits), "tx-" + transferId, fixture.currentTime());
    }

    private LiquidityReservationQueuedEvent queued(Uetr uetr, long minorUnits, PaymentPriority priority) {
        return new LiquidityReservationQueuedEvent(ACCOUNT, uetr, euros(minorUnits), priority, SHORT,
                fixture.currentTime());
    }

    private LiquidityReservedEvent reserved(Uetr uetr, long minorUnits) {
        return reserved(uetr, minorUnits, PaymentPriority.NORMAL);
    }

    private LiquidityReservedEvent reserved(Uetr uetr, long minorUnits, PaymentPriority priority) {
        return new LiquidityReservedEvent(ACCOUNT, uetr, euros(minorUnits), fixture.currentTime(), priority, null);
    }

    private QueuedPaymentHeldEvent held(Uetr uetr) {
        return new QueuedPaymentHeldEvent(ACCOUNT, uetr, fixture.currentTime());
    }

    private static Uetr uetr(int number) {
        return Uetr.of(String.format("6f1d8c52-8a4b-4c6e-9f7a-%012d", number));
    }

    @Test
    void aCoveredPaymentWaitsBehindAnEarlierQueuedPaymentOfTheSamePriority() {
        fixture.given(queued(UETR_1, 5_000, PaymentPriority.NORMAL), pledged("T-1", 1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(100)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_2, euros(100), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.NARR, "1 earlier queued payments of priority NORMAL or higher wait "
                                + "before it (FIFO)"),
                        fixture.currentTime()));
    }

    @Test
    void aCoveredPaymentOfHigherPriorityOvertakesQueuedNormalPayments() {
        fixture.given(queued(UETR_1, 5_000, PaymentPriority.NORMAL), pledged("T-1", 1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(100), PaymentPriority.HIGH))
                .expectEvents(reserved(UETR_2, 100, PaymentPriority.HIGH));
    }

    @Test
    void aHeldPaymentDoesNotMakeANewPaymentWait() {
        fixture.given(queued(UETR_1, 5_000, PaymentPriority.NORMAL), held(UETR_1), pledged("T-1", 1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(100)))
                .expectEvents(reserved(UETR_2, 100));
    }

    @Test
    void aPledgeReservesQueuedPaymentsInPolicyOrderWhileTheyAreCovered() {
        fixture.given(queued(UETR_1, 300, PaymentPriority.NORMAL), queued(UETR_2, 500, PaymentPriority.HIGH),
                        queued(UETR_3, 50, PaymentPriority.NORMAL))
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(600), "tx-T-1"))
                .expectEvents(pledged("T-1", 600), reserved(UETR_2, 500, PaymentPriority.HIGH));
    }

    @Test
    void anIncomingCreditReservesEveryQueuedPaymentItCovers() {
        fixture.given(queued(UETR_1, 300, PaymentPriority.NORMAL), queued(UETR_2, 200, PaymentPriority.NORMAL))
                .when(new CreditIncomingPaymentCommand(ACCOUNT, UETR_3, euros(500)))
                .expectEvents(new IncomingPaymentCreditedEvent(ACCOUNT, UETR_3, euros(500), fixture.currentTime()),
                        reserved(UETR_1, 300), reserved(UETR_2, 200));
    }

    @Test
    void aQueuedPaymentNotCoveredBlocksThePaymentsBehindIt() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL), queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(500), "tx-T-1"))
                .expectEvents(pledged("T-1", 500));
    }

    @Test
    void aHeldPaymentIsSkippedAndDoesNotBlockThePaymentsBehindIt() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL), held(UETR_1),
                        queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(500), "tx-T-1"))
                .expectEvents(pledged("T-1", 500), reserved(UETR_2, 10));
    }

    @Test
    void holdingTheBlockingPaymentReservesTheCoveredPaymentsBehindIt() {
        fixture.given(pledged("T-1", 500), queued(UETR_1, 1_000, PaymentPriority.NORMAL),
                        queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new HoldQueuedPaymentCommand(ACCOUNT, UETR_1))
                .expectEvents(held(UETR_1), reserved(UETR_2, 10));
    }

    @Test
    void holdingAHeldPaymentAgainChangesNothing() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL), held(UETR_1))
                .when(new HoldQueuedPaymentCommand(ACCOUNT, UETR_1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void holdingAPaymentNotQueuedIsABug() {
        fixture.given(pledged("T-1", 500), reserved(UETR_1, 100))
                .when(new HoldQueuedPaymentCommand(ACCOUNT, UETR_1))
                .expectException(IllegalStateException.class);
    }

    @Test
    void releasingAHeldPaymentThatIsNowCoveredReservesIt() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL), held(UETR_1), pledged("T-1", 1_000))
                .when(new ReleaseHeldPaymentCommand(ACCOUNT, UETR_1))
                .expectEvents(new HeldPaymentReleasedEvent(ACCOUNT, UETR_1, fixture.currentTime()),
                        reserved(UETR_1, 1_000));
    }

    @Test
    void aReleasedHeldPaymentKeepsItsPlaceAheadOfLaterPayments() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL), held(UETR_1),
                        new HeldPaymentReleasedEvent(ACCOUNT, UETR_1, fixture.currentTime()),
                        queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(500), "tx-T-1"))
                .expectEvents(pledged("T-1", 500));
    }

    @Test
    void aCancelledQueuedPaymentLeavesTheQueueWithItsReason() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL))
                .when(new CancelQueuedPaymentCommand(ACCOUNT, UETR_1, OPERATOR))
                .expectEvents(new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(1_000), OPERATOR,
                        fixture.currentTime()));
    }

    @Test
    void cancellingTheBlockingPaymentReservesTheCoveredPaymentsBehindIt() {
        fixture.given(pledged("T-1", 500), queued(UETR_1, 1_000, PaymentPriority.NORMAL),
                        queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new CancelQueuedPaymentCommand(ACCOUNT, UETR_1, OPERATOR))
                .expectEvents(new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(1_000), OPERATOR,
                        fixture.currentTime()), reserved(UETR_2, 10));
    }

    @Test
    void cancellingTwiceCancelsOnce() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL),
                        new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(1_000), OPERATOR, fixture.currentTime()))
                .when(new CancelQueuedPaymentCommand(ACCOUNT, UETR_1, OPERATOR))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void cancellingAReservedPaymentIsABug() {
        fixture.given(pledged("T-1", 500), reserved(UETR_1, 100))
                .when(new CancelQueuedPaymentCommand(ACCOUNT, UETR_1, OPERATOR))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aCancelledPaymentIsNotQueuedAgainWhenRedelivered() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL),
                        new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(1_000), OPERATOR, fixture.currentTime()))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(1_000)))
                .expectNoEvents();
    }

    @Test
    void aQueuedPaymentIsNotQueuedTwiceWhenRedelivered() {
        fixture.given(queued(UETR_1, 1_000, PaymentPriority.NORMAL))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(1_000)))
                .expectNoEvents();
    }

    @Test
    void aRejectedQueuedPaymentGivesBackItsPlaceInTheQueue() {
        fixture.given(pledged("T-1", 500), queued(UETR_1, 1_000, PaymentPriority.NORMAL),
                        queued(UETR_2, 10, PaymentPriority.NORMAL))
                .when(new ReleaseReservationCommand(ACCOUNT, UETR_1))
                .expectEvents(new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(1_000),
                        Reason.of(ReasonCode.NARR, "the payment was rejected while it was queued"),
                        fixture.currentTime()), reserved(UETR_2, 10));
    }

    @Test
    void aReleasedReservationReservesTheQueuedPaymentsItNowCovers() {
        fixture.given(pledged("T-1", 500), reserved(UETR_1, 500), queued(UETR_2, 200, PaymentPriority.NORMAL))
                .when(new ReleaseReservationCommand(ACCOUNT, UETR_1))
                .expectEvents(new LiquidityReservationReleasedEvent(ACCOUNT, UETR_1, euros(500), fixture.currentTime()),
                        reserved(UETR_2, 200));
    }

    @Test
    void aFullQueueRefusesTheNextPaymentWithAM04() {
        List<Object> fullQueue = new ArrayList<>(LiquidityAccount.QUEUE_LENGTH_MAX);
        for (int number = 0; number < LiquidityAccount.QUEUE_LENGTH_MAX; number++) {
            fullQueue.add(queued(uetr(number), 1, PaymentPriority.NORMAL));
        }
        Uetr next = uetr(LiquidityAccount.QUEUE_LENGTH_MAX);
        fixture.given(fullQueue)
                .when(new ReserveLiquidityCommand(ACCOUNT, next, euros(1)))
                .expectEvents(new LiquidityReservationRefusedEvent(ACCOUNT, next, euros(1),
                        Reason.of(ReasonCode.AM04, "the queue of BANKAAAAXXX/EUR already holds 100000 payments, "
                                + "its maximum, and available liquidity does not settle this one at once"),
                        fixture.currentTime()));
    }

    @Test
    void aQueuedPaymentRaisedToHighPrioritySettlesAheadOfTheNormalOneThatBlockedIt() {
        // 5,000 blocks the queue; the 100 behind it waits (FIFO) though covered, until raised to HIGH.
        fixture.given(pledged("T-1", 1_000), queued(UETR_1, 5_000, PaymentPriority.NORMAL),
                        queued(UETR_2, 100, PaymentPriority.NORMAL))
                .when(new ReprioritiseQueuedPaymentCommand(ACCOUNT, UETR_2, PaymentPriority.HIGH))
                .expectEvents(new QueuedPaymentReprioritisedEvent(ACCOUNT, UETR_2, PaymentPriority.NORMAL,
                        PaymentPriority.HIGH, fixture.currentTime()), reserved(UETR_2, 100, PaymentPriority.HIGH));
    }

    @Test
    void aBlockingPaymentLoweredBelowTheOthersLetsThemThrough() {
        fixture.given(pledged("T-1", 1_000), queued(UETR_1, 5_000, PaymentPriority.HIGH),
                        queued(UETR_2, 100, PaymentPriority.NORMAL))
                .when(new ReprioritiseQueuedPaymentCommand(ACCOUNT, UETR_1, PaymentPriority.NORMAL))
                // Lowered to NORMAL it keeps its arrival, still ahead of UETR_2: nothing settles.
                .expectEvents(new QueuedPaymentReprioritisedEvent(ACCOUNT, UETR_1, PaymentPriority.HIGH,
                        PaymentPriority.NORMAL, fixture.currentTime()));
        fixture.given(pledged("T-1", 1_000), queued(UETR_2, 100, PaymentPriority.HIGH),
                        queued(UETR_1, 5_000, PaymentPriority.HIGH), queued(UETR_3, 200, PaymentPriority.HIGH),
                        held(UETR_2))
                .when(new ReprioritiseQueuedPaymentCommand(ACCOUNT, UETR_1, PaymentPriority.NORMAL))
                .expectEvents(new QueuedPaymentReprioritisedEvent(ACCOUNT, UETR_1, PaymentPriority.HIGH,
                        PaymentPriority.NORMAL, fixture.currentTime()), reserved(UETR_3, 200, PaymentPriority.HIGH));
    }

    @Test
    void reprioritisingToTheSamePriorityChangesNothingAndAPaymentNotQueuedCannotBeReprioritised() {
        fixture.given(queued(UETR_1, 5_000, PaymentPriority.NORMAL))
                .when(new ReprioritiseQueuedPaymentCommand(ACCOUNT, UETR_1, PaymentPriority.NORMAL))
                .expectNoEvents();
        fixture.given(pledged("T-1", 1_000))
                .when(new ReprioritiseQueuedPaymentCommand(ACCOUNT, UETR_1, PaymentPriority.HIGH))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aFrozenQueueReservesNothingQueuesNewPaymentsAndThawsIntoSettlement() {
        QueueFrozenEvent frozen = new QueueFrozenEvent(ACCOUNT, "suspended", fixture.currentTime());
        fixture.given(queued(UETR_1, 500, PaymentPriority.NORMAL), frozen)
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(1_000), "tx-T-1"))
                .expectEvents(pledged("T-1", 1_000));
        fixture.given(pledged("T-1", 1_000), frozen)
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(10)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_2, euros(10), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.NARR, "the queue of BANKAAAAXXX/EUR is frozen: suspended"),
                        fixture.currentTime()));
        fixture.given(queued(UETR_1, 500, PaymentPriority.NORMAL), frozen, pledged("T-1", 1_000))
                .when(new ThawQueueCommand(ACCOUNT))
                .expectEvents(new QueueThawedEvent(ACCOUNT, fixture.currentTime()), reserved(UETR_1, 500));
        fixture.given(frozen)
                .when(new FreezeQueueCommand(ACCOUNT, "again"))
                .expectNoEvents();
    }

    @Test
    void liquidityKeptForHighPaymentsIsNotUsedByNormalOnesButIsByHighOnes() {
        PriorityReservationSetEvent keepForHigh = new PriorityReservationSetEvent(ACCOUNT, PaymentPriority.HIGH,
                euros(800), fixture.currentTime());
        fixture.given(pledged("T-1", 1_000), keepForHigh)
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(300)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(300), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.AM04, "available liquidity 200 (after what is kept for higher priorities)"
                                + " does not cover 300 EUR"), fixture.currentTime()));
        fixture.given(pledged("T-1", 1_000), keepForHigh)
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(900), PaymentPriority.HIGH))
                .expectEvents(reserved(UETR_2, 900, PaymentPriority.HIGH));
    }

    @Test
    void releasingTheReservationLetsTheWaitingNormalPaymentThrough() {
        fixture.given(pledged("T-1", 1_000),
                        new PriorityReservationSetEvent(ACCOUNT, PaymentPriority.URGENT, euros(800), fixture.currentTime()),
                        queued(UETR_1, 300, PaymentPriority.NORMAL))
                .when(new SetPriorityReservationCommand(ACCOUNT, PaymentPriority.URGENT, euros(0)))
                .expectEvents(new PriorityReservationSetEvent(ACCOUNT, PaymentPriority.URGENT, euros(0),
                        fixture.currentTime()), reserved(UETR_1, 300));
    }

    @Test
    void withFifoBypassACoveredPaymentSettlesPastAnEarlierOneThatCannot() {
        FifoBypassSetEvent bypass = new FifoBypassSetEvent(ACCOUNT, true, fixture.currentTime());
        fixture.given(pledged("T-1", 1_000), bypass, queued(UETR_1, 5_000, PaymentPriority.NORMAL))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(100)))
                .expectEvents(reserved(UETR_2, 100));
        // Switched on later, it lets through the covered payments already waiting behind the blocker.
        fixture.given(pledged("T-1", 1_000), queued(UETR_1, 5_000, PaymentPriority.NORMAL),
                        queued(UETR_2, 100, PaymentPriority.NORMAL), queued(UETR_3, 950, PaymentPriority.NORMAL))
                .when(new SetFifoBypassCommand(ACCOUNT, true))
                .expectEvents(bypass, reserved(UETR_2, 100));
        fixture.given(bypass).when(new SetFifoBypassCommand(ACCOUNT, true)).expectNoEvents();
    }

    @Test
    void theWhatIfAnswersAsAReservationWouldAndChangesNothing() {
        fixture.given(pledged("T-1", 1_000))
                .when(new EvaluatePaymentCommand(ACCOUNT, euros(400), PaymentPriority.NORMAL, BANK_B))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentEvaluation(PaymentEvaluation.Outcome.SETTLES_NOW, null,
                        euros(1_000)));
        fixture.given(pledged("T-1", 1_000), queued(UETR_1, 5_000, PaymentPriority.NORMAL))
                .when(new EvaluatePaymentCommand(ACCOUNT, euros(400), PaymentPriority.NORMAL, BANK_B))
                .expectNoEvents()
                .expectResultMessagePayload(new PaymentEvaluation(PaymentEvaluation.Outcome.QUEUES,
                        Reason.of(ReasonCode.NARR, "1 earlier queued payments of priority NORMAL or higher wait before"
                                + " it (FIFO)"), euros(1_000)));
        fixture.given(pledged("T-1", 1_000), queued(UETR_1, 5_000, PaymentPriority.NORMAL))
                .when(new EvaluatePaymentCommand(ACCOUNT, euros(400), PaymentPriority.HIGH, BANK_B))
                .expectResultMessagePayload(new PaymentEvaluation(PaymentEvaluation.Outcome.SETTLES_NOW, null,
                        euros(1_000)));
    }
}
