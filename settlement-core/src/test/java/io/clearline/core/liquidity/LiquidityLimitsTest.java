package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.AccountBusinessDayStartedEvent;
import io.clearline.core.liquidity.api.BilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.BilateralLimitSetEvent;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitSetEvent;
import io.clearline.core.liquidity.api.RemoveBilateralLimitCommand;
import io.clearline.core.liquidity.api.RemoveMultilateralLimitCommand;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.liquidity.api.SetBilateralLimitCommand;
import io.clearline.core.liquidity.api.SetMultilateralLimitCommand;
import io.clearline.core.liquidity.api.StartBusinessDayCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bilateral and multilateral limits on the net outflow of NORMAL payments; each test states its rule. */
class LiquidityLimitsTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Uetr UETR_4 = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e04");
    private static final Reason BILATERAL_TOWARDS_B = Reason.of(ReasonCode.NARR,
            "bilateral limit towards BANKBBBBXXX of EUR 1000.00 would be exceeded");
    private static final Reason MULTILATERAL = Reason.of(ReasonCode.NARR,
            "multilateral limit of EUR 500.00 would be exceeded");
    private AggregateTestFixture<LiquidityAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LiquidityAccount.class);
    }

    private LiquidityPledgedEvent pledgedPlenty() {
        return new LiquidityPledgedEvent("T-1", BANK_A, euros(10_000_000), "tx-T-1", fixture.currentTime());
    }

    private BilateralLimitSetEvent bilateralLimitTowardsB() {
        return new BilateralLimitSetEvent(ACCOUNT, BANK_B, euros(100_000), fixture.currentTime());
    }

    private MultilateralLimitSetEvent multilateralLimit() {
        return new MultilateralLimitSetEvent(ACCOUNT, euros(50_000), fixture.currentTime());
    }

    private LiquidityReservedEvent reserved(Uetr uetr, long minorUnits, Bic payee, PaymentPriority priority) {
        return new LiquidityReservedEvent(ACCOUNT, uetr, euros(minorUnits), fixture.currentTime(), priority, payee);
    }

    private LiquidityReservedEvent reservedNormal(Uetr uetr, long minorUnits, Bic payee) {
        return reserved(uetr, minorUnits, payee, PaymentPriority.NORMAL);
    }

    private ReservationDebitedEvent debited(Uetr uetr, long minorUnits) {
        return new ReservationDebitedEvent(ACCOUNT, uetr, euros(minorUnits), fixture.currentTime());
    }

    private LiquidityReservationQueuedEvent queuedNormal(Uetr uetr, long minorUnits, Bic payee, Reason reason) {
        return new LiquidityReservationQueuedEvent(ACCOUNT, uetr, euros(minorUnits), PaymentPriority.NORMAL, reason,
                fixture.currentTime(), payee);
    }

    private static ReserveLiquidityCommand reserveNormal(Uetr uetr, long minorUnits, Bic payee) {
        return new ReserveLiquidityCommand(ACCOUNT, uetr, euros(minorUnits), PaymentPriority.NORMAL, payee);
    }

    @Test
    void settingABilateralLimitRecordsIt() {
        fixture.givenNoPriorActivity()
                .when(new SetBilateralLimitCommand(ACCOUNT, BANK_B, euros(100_000)))
                .expectEvents(bilateralLimitTowardsB());
    }

    @Test
    void settingTheSameBilateralLimitAgainChangesNothing() {
        fixture.given(bilateralLimitTowardsB())
                .when(new SetBilateralLimitCommand(ACCOUNT, BANK_B, euros(100_000)))
                .expectNoEvents();
    }

    @Test
    void aBilateralLimitIsTowardsAnotherParticipant() {
        fixture.given(pledgedPlenty())
                .when(new SetBilateralLimitCommand(ACCOUNT, BANK_A, euros(100_000)))
                .expectException(IllegalArgumentException.class)
                .expectExceptionMessage("a bilateral limit is towards another participant, not BANKAAAAXXX itself");
    }

    @Test
    void aLimitIsInTheAccountsCurrency() {
        fixture.given(pledgedPlenty())
                .when(new SetMultilateralLimitCommand(ACCOUNT, Money.of(100, "USD")))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void settingAndRemovingTheMultilateralLimitRecordsBoth() {
        fixture.givenNoPriorActivity()
                .when(new SetMultilateralLimitCommand(ACCOUNT, euros(50_000)))
                .expectEvents(multilateralLimit());
        fixture.given(multilateralLimit())
                .when(new RemoveMultilateralLimitCommand(ACCOUNT))
                .expectEvents(new MultilateralLimitRemovedEvent(ACCOUNT, fixture.currentTime()));
    }

    @Test
    void removingALimitThatIsNotSetChangesNothing() {
        fixture.given(pledgedPlenty())
                .when(new RemoveBilateralLimitCommand(ACCOUNT, BANK_B))
                .expectNoEvents();
    }

    @Test
    void normalPaymentUpToTheBilateralLimitSettlesAtOnce() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB())
                .when(reserveNormal(UETR_1, 100_000, BANK_B))
                .expectEvents(reservedNormal(UETR_1, 100_000, BANK_B));
    }

    @Test
    void normalPaymentBeyondTheBilateralLimitQueues() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB())
                .when(reserveNormal(UETR_1, 100_001, BANK_B))
                .expectEvents(queuedNormal(UETR_1, 100_001, BANK_B, BILATERAL_TOWARDS_B));
    }

    @Test
    void theBilateralLimitDoesNotApplyToOtherCounterparties() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB())
                .when(reserveNormal(UETR_1, 200_000, BANK_C))
                .expectEvents(reservedNormal(UETR_1, 200_000, BANK_C));
    }

    @Test
    void settledPaymentsCountAgainstTheBilateralLimit() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 80_000, BANK_B),
                        debited(UETR_1, 80_000))
                .when(reserveNormal(UETR_2, 20_001, BANK_B))
                .expectEvents(queuedNormal(UETR_2, 20_001, BANK_B, BILATERAL_TOWARDS_B));
    }

    @Test
    void reservationsInFlightCountAgainstTheBilateralLimit() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 60_000, BANK_B))
                .when(reserveNormal(UETR_2, 50_000, BANK_B))
                .expectEvents(queuedNormal(UETR_2, 50_000, BANK_B, BILATERAL_TOWARDS_B));
    }

    @Test
    void aReleasedReservationNoLongerCountsAgainstTheLimit() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 60_000, BANK_B),
                        new LiquidityReservationReleasedEvent(ACCOUNT, UETR_1, euros(60_000), fixture.currentTime()))
                .when(reserveNormal(UETR_2, 100_000, BANK_B))
                .expectEvents(reservedNormal(UETR_2, 100_000, BANK_B));
    }

    @Test
    void normalPaymentBeyondTheMultilateralLimitQueues() {
        fixture.given(pledgedPlenty(), multilateralLimit(), reservedNormal(UETR_1, 30_000, BANK_C),
                        debited(UETR_1, 30_000))
                .when(reserveNormal(UETR_2, 30_000, BANK_B))
                .expectEvents(queuedNormal(UETR_2, 30_000, BANK_B, MULTILATERAL));
    }

    @Test
    void incomingPaymentsFromAnyCounterpartyLowerTheMultilateralOutflow() {
        fixture.given(pledgedPlenty(), multilateralLimit(), reservedNormal(UETR_1, 50_000, BANK_C),
                        debited(UETR_1, 50_000),
                        new IncomingPaymentCreditedEvent(ACCOUNT, UETR_2, euros(20_000), fixture.currentTime(), BANK_B))
                .when(reserveNormal(UETR_3, 20_000, BANK_C))
                .expectEvents(reservedNormal(UETR_3, 20_000, BANK_C));
    }

    @Test
    void urgentPaymentIgnoresLimits() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), multilateralLimit())
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(900_000), PaymentPriority.URGENT, BANK_B))
                .expectEvents(reserved(UETR_1, 900_000, BANK_B, PaymentPriority.URGENT));
    }

    @Test
    void highPaymentIgnoresLimits() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), multilateralLimit())
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(900_000), PaymentPriority.HIGH, BANK_B))
                .expectEvents(reserved(UETR_1, 900_000, BANK_B, PaymentPriority.HIGH));
    }

    @Test
    void settledHighPaymentsDoNotCountAgainstTheLimits() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(),
                        reserved(UETR_1, 900_000, BANK_B, PaymentPriority.HIGH), debited(UETR_1, 900_000))
                .when(reserveNormal(UETR_2, 100_000, BANK_B))
                .expectEvents(reservedNormal(UETR_2, 100_000, BANK_B));
    }

    @Test
    void incomingPaymentFromTheCounterpartyReleasesALimitBlockedPayment() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 80_000, BANK_B),
                        debited(UETR_1, 80_000), queuedNormal(UETR_2, 50_000, BANK_B, BILATERAL_TOWARDS_B))
                .when(new CreditIncomingPaymentCommand(ACCOUNT, UETR_3, euros(30_000), BANK_B))
                .expectEvents(
                        new IncomingPaymentCreditedEvent(ACCOUNT, UETR_3, euros(30_000), fixture.currentTime(), BANK_B),
                        reservedNormal(UETR_2, 50_000, BANK_B));
    }

    @Test
    void incomingPaymentFromAnotherParticipantLeavesTheBilateralOutflowAsItIs() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 80_000, BANK_B),
                        debited(UETR_1, 80_000), queuedNormal(UETR_2, 50_000, BANK_B, BILATERAL_TOWARDS_B))
                .when(new CreditIncomingPaymentCommand(ACCOUNT, UETR_3, euros(30_000), BANK_C))
                .expectEvents(
                        new IncomingPaymentCreditedEvent(ACCOUNT, UETR_3, euros(30_000), fixture.currentTime(), BANK_C));
    }

    @Test
    void aLimitBlockedPaymentKeepsTheNormalPaymentsBehindItWaiting() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), queuedNormal(UETR_1, 100_001, BANK_B,
                        BILATERAL_TOWARDS_B))
                .when(reserveNormal(UETR_2, 10, BANK_C))
                .expectEvents(queuedNormal(UETR_2, 10, BANK_C, Reason.of(ReasonCode.NARR,
                        "1 earlier queued payments of priority NORMAL or higher wait before it (FIFO)")));
    }

    @Test
    void removingALimitReleasesBlockedPayments() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(),
                        queuedNormal(UETR_1, 100_001, BANK_B, BILATERAL_TOWARDS_B),
                        queuedNormal(UETR_2, 10, BANK_C, Reason.of(ReasonCode.NARR,
                                "1 earlier queued payments of priority NORMAL or higher wait before it (FIFO)")))
                .when(new RemoveBilateralLimitCommand(ACCOUNT, BANK_B))
                .expectEvents(new BilateralLimitRemovedEvent(ACCOUNT, BANK_B, fixture.currentTime()),
                        reservedNormal(UETR_1, 100_001, BANK_B), reservedNormal(UETR_2, 10, BANK_C));
    }

    @Test
    void removingTheMultilateralLimitReleasesBlockedPayments() {
        fixture.given(pledgedPlenty(), multilateralLimit(), queuedNormal(UETR_1, 50_001, BANK_B, MULTILATERAL))
                .when(new RemoveMultilateralLimitCommand(ACCOUNT))
                .expectEvents(new MultilateralLimitRemovedEvent(ACCOUNT, fixture.currentTime()),
                        reservedNormal(UETR_1, 50_001, BANK_B));
    }

    @Test
    void raisingALimitReleasesThePaymentsItNowAllows() {
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(),
                        queuedNormal(UETR_1, 150_000, BANK_B, BILATERAL_TOWARDS_B),
                        queuedNormal(UETR_2, 60_000, BANK_B, BILATERAL_TOWARDS_B))
                .when(new SetBilateralLimitCommand(ACCOUNT, BANK_B, euros(200_000)))
                .expectEvents(new BilateralLimitSetEvent(ACCOUNT, BANK_B, euros(200_000), fixture.currentTime()),
                        reservedNormal(UETR_1, 150_000, BANK_B));
    }

    @Test
    void aPaymentShortOfLiquidityQueuesForLiquidityBeforeLimits() {
        fixture.given(new LiquidityPledgedEvent("T-1", BANK_A, euros(10), "tx-T-1", fixture.currentTime()),
                        bilateralLimitTowardsB())
                .when(reserveNormal(UETR_4, 100_001, BANK_B))
                .expectEvents(queuedNormal(UETR_4, 100_001, BANK_B,
                        Reason.of(ReasonCode.AM04, "available liquidity 10 does not cover 100001 EUR")));
    }

    @Test
    void aDebitAfterSettlementDoesNotReexamineTheQueue() {
        // Settling moves the outflow from in flight to settled: the net outflow does not change, so nothing is freed.
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 80_000, BANK_B),
                        queuedNormal(UETR_2, 50_000, BANK_B, BILATERAL_TOWARDS_B))
                .when(new DebitReservationCommand(ACCOUNT, UETR_1))
                .expectEvents(debited(UETR_1, 80_000));
    }

    @Test
    void limitsAreShownInMajorUnitsOfTheirCurrency() {
        assertThat(LiquidityAccount.display(euros(100_000))).isEqualTo("EUR 1000.00");
        assertThat(LiquidityAccount.display(euros(5))).isEqualTo("EUR 0.05");
        assertThat(LiquidityAccount.display(Money.of(1_500, "JPY"))).isEqualTo("JPY 1500");
    }

    @Test
    void theNextBusinessDayStartsTheLimitsUseAtZeroAndLetsTheQueuedPaymentThrough() {
        java.time.LocalDate tuesday = java.time.LocalDate.of(2026, 11, 24);
        fixture.given(pledgedPlenty(), bilateralLimitTowardsB(), reservedNormal(UETR_1, 100_000, BANK_B),
                        debited(UETR_1, 100_000), queuedNormal(UETR_2, 10, BANK_B, BILATERAL_TOWARDS_B))
                .when(new StartBusinessDayCommand(ACCOUNT, tuesday))
                .expectEvents(new AccountBusinessDayStartedEvent(ACCOUNT, tuesday, fixture.currentTime()),
                        reservedNormal(UETR_2, 10, BANK_B));
        fixture.given(pledgedPlenty(), new AccountBusinessDayStartedEvent(ACCOUNT, tuesday, fixture.currentTime()))
                .when(new StartBusinessDayCommand(ACCOUNT, tuesday.minusDays(1)))
                .expectNoEvents();
    }
}
