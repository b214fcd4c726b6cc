package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationRefusedEvent;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.common.api.Money;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LiquidityAccountTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private AggregateTestFixture<LiquidityAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LiquidityAccount.class);
    }

    private LiquidityPledgedEvent pledged(long minorUnits) {
        return new LiquidityPledgedEvent("T-1", BANK_A, euros(minorUnits), "tx-pledge", fixture.currentTime());
    }

    private LiquidityReservedEvent reserved(long minorUnits) {
        return new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(minorUnits), fixture.currentTime());
    }

    @Test
    void reservationWithinAvailableLiquidityIsReserved() {
        fixture.given(pledged(1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(1_000)))
                .expectEvents(reserved(1_000));
    }

    @Test
    void reservationBeyondAvailableLiquidityIsQueuedWithAM04() {
        fixture.given(pledged(1_000), reserved(600))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_2, euros(500)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_2, euros(500), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.AM04, "available liquidity 400 does not cover 500 EUR"),
                        fixture.currentTime()));
    }

    @Test
    void reservationOnAnAccountNeverFundedIsQueuedWithAM04() {
        fixture.givenNoPriorActivity()
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(1)))
                .expectEvents(new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(1), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.AM04, "available liquidity 0 does not cover 1 EUR"),
                        fixture.currentTime()));
    }

    @Test
    void reservingTheSameUetrTwiceReservesOnce() {
        fixture.given(pledged(1_000), reserved(600))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(600)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aRefusedReservationStaysRefusedWhenRedelivered() {
        fixture.given(new LiquidityReservationRefusedEvent(ACCOUNT, UETR_1, euros(5),
                                Reason.of(ReasonCode.AM04, "short"), fixture.currentTime()),
                        pledged(1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(5)))
                .expectNoEvents();
    }

    @Test
    void reservationInAnotherCurrencyIsABug() {
        fixture.given(pledged(1_000))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, Money.of(1, "USD")))
                .expectException(IllegalArgumentException.class);
    }

    @Test
    void releasingAReservationGivesItBack() {
        fixture.given(pledged(1_000), reserved(600))
                .when(new ReleaseReservationCommand(ACCOUNT, UETR_1))
                .expectEvents(new LiquidityReservationReleasedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()));
    }

    @Test
    void releasingTwiceReleasesOnce() {
        fixture.given(pledged(1_000), reserved(600),
                        new LiquidityReservationReleasedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()))
                .when(new ReleaseReservationCommand(ACCOUNT, UETR_1))
                .expectNoEvents();
    }

    @Test
    void debitingAReservationTakesItFromTheBalance() {
        fixture.given(pledged(1_000), reserved(600))
                .when(new DebitReservationCommand(ACCOUNT, UETR_1))
                .expectEvents(new ReservationDebitedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()));
    }

    @Test
    void debitingTheSameSettlementTwiceMovesMoneyOnce() {
        fixture.given(pledged(1_000), reserved(600),
                        new ReservationDebitedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()))
                .when(new DebitReservationCommand(ACCOUNT, UETR_1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aDebitedReservationIsNotReservedAgainWhenRedelivered() {
        fixture.given(pledged(1_000), reserved(600),
                        new ReservationDebitedEvent(ACCOUNT, UETR_1, euros(600), fixture.currentTime()))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(600)))
                .expectNoEvents();
    }

    @Test
    void debitingWithoutAReservationIsABug() {
        fixture.given(pledged(1_000))
                .when(new DebitReservationCommand(ACCOUNT, UETR_1))
                .expectException(IllegalStateException.class);
    }

    @Test
    void anIncomingPaymentIsCreditedEvenToANewAccount() {
        fixture.givenNoPriorActivity()
                .when(new CreditIncomingPaymentCommand(ACCOUNT, UETR_1, euros(250)))
                .expectEvents(new IncomingPaymentCreditedEvent(ACCOUNT, UETR_1, euros(250), fixture.currentTime()));
    }

    @Test
    void creditingTheSameIncomingPaymentTwiceMovesMoneyOnce() {
        fixture.given(new IncomingPaymentCreditedEvent(ACCOUNT, UETR_1, euros(250), fixture.currentTime()))
                .when(new CreditIncomingPaymentCommand(ACCOUNT, UETR_1, euros(250)))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anIncomingCreditCoversALaterReservation() {
        fixture.given(new IncomingPaymentCreditedEvent(ACCOUNT, UETR_2, euros(250), fixture.currentTime()))
                .when(new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(250)))
                .expectEvents(new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(250), fixture.currentTime()));
    }

    @Test
    void aPledgeIsCreditedToTheBalance() {
        fixture.givenNoPriorActivity()
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(1_000), "tx-pledge"))
                .expectEvents(pledged(1_000));
    }

    @Test
    void creditingTheSamePledgeTwiceMovesMoneyOnce() {
        fixture.given(pledged(1_000))
                .when(new CreditPledgeCommand(ACCOUNT, "T-1", euros(1_000), "tx-pledge"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
