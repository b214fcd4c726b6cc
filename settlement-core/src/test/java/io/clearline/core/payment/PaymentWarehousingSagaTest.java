package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;

import io.clearline.core.StubLedgerPort;
import io.clearline.core.businessday.api.BusinessDays;
import io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import io.clearline.core.businessday.api.WarehousePaymentForNextDayCommand;
import io.clearline.core.businessday.api.WarehousedPaymentTakenUpEvent;
import io.clearline.core.businessday.api.WithdrawWarehousedPaymentCommand;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.core.payment.api.RejectPaymentCommand;
import io.clearline.core.payment.api.TakeUpWarehousedPaymentCommand;
import io.clearline.core.payment.api.WarehousePaymentCommand;
import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** On a network that warehouses late payments, the saga keeps them for the next day and takes them up then. */
class PaymentWarehousingSagaTest {
    private static final Instant AT = Instant.parse("2026-11-23T17:05:00Z");
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final LiquidityAccountId PAYER_ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Reason LATE = Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its cut-off;"
            + " warehoused until the next business day opens");

    private SagaTestFixture<PaymentSettlementSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PaymentSettlementSaga.class);
        fixture.registerResource(new StubLedgerPort());
    }

    private static PaymentReceivedEvent received() {
        return new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1", AT);
    }

    private static PaymentWarehousedForNextDayEvent keptByTheDay() {
        return new PaymentWarehousedForNextDayEvent(BusinessDays.NETWORK, UETR_1, BANK_A, MONDAY, LATE, AT);
    }

    private static PaymentWarehousedEvent warehoused() {
        return new PaymentWarehousedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, LATE, AT);
    }

    /** The day refuses the payment as one to warehouse, and answers the warehouse command with {@code kept}. */
    private void dayPastItsCutOffWarehousing(Object kept) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof VerifyAcceptingPaymentsCommand) {
                throw new PaymentsNotAcceptedException("business day 2026-11-23 is past its cut-off", true);
            }
            if (command instanceof WarehousePaymentForNextDayCommand && kept instanceof RuntimeException refusal) {
                throw refusal;
            }
            return command instanceof WarehousePaymentForNextDayCommand ? kept : null;
        });
    }

    @Test
    void aPaymentPastItsCutOffOnAWarehousingNetworkIsKeptForTheNextDayAndNotRejected() {
        dayPastItsCutOffWarehousing(true);
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true));
    }

    @Test
    void aPaymentTheDayTakesAfterAllGoesOnAsUsual() {
        dayPastItsCutOffWarehousing(false);
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B),
                        new ReserveLiquidityCommand(PAYER_ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, BANK_B));
    }

    @Test
    void aPaymentRefusedByAFullWarehouseIsRejectedWithTM01() {
        dayPastItsCutOffWarehousing(new PaymentsNotAcceptedException("the warehouse is full"));
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true),
                        new RejectPaymentCommand(UETR_1, Reason.of(ReasonCode.TM01, "the warehouse is full")));
    }

    @Test
    void aPaymentKeptByTheDayIsWarehousedWithTheDaysReason() {
        dayPastItsCutOffWarehousing(true);
        fixture.givenAggregate(UETR_1.value()).published(received())
                .whenAggregate(BusinessDays.NETWORK).publishes(keptByTheDay())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new WarehousePaymentCommand(UETR_1, LATE));
    }

    @Test
    void aWarehousedPaymentTakenUpGoesThroughTheDayTheParticipantsAndTheReserve() {
        // Every command succeeds: the new day takes the payment.
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(BusinessDays.NETWORK).published(keptByTheDay())
                .andThenAggregate(UETR_1.value()).published(warehoused())
                .whenAggregate(BusinessDays.NETWORK).publishes(
                        new WarehousedPaymentTakenUpEvent(BusinessDays.NETWORK, UETR_1, TUESDAY, AT))
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new TakeUpWarehousedPaymentCommand(UETR_1, TUESDAY),
                        new VerifyAcceptingPaymentsCommand(true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B),
                        new ReserveLiquidityCommand(PAYER_ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, BANK_B));
    }

    @Test
    void aWarehousedPaymentCancelledByItsPayerGivesBackItsPlaceAndEnds() {
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled while warehoused by BANKAAAAXXX");
        dayPastItsCutOffWarehousing(true);
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(BusinessDays.NETWORK).published(keptByTheDay())
                .andThenAggregate(UETR_1.value()).published(warehoused())
                .whenAggregate(UETR_1.value()).publishes(new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100),
                        REFERENCES, cancelled, AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new WithdrawWarehousedPaymentCommand(UETR_1));
    }
}
