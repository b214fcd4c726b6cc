package io.clearline.core.businessday;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;

import io.clearline.core.businessday.api.AfterCutOffHandling;
import io.clearline.core.businessday.api.AfterCutOffHandlingSetEvent;
import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayCustomerCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.BusinessDays;
import io.clearline.core.businessday.api.NetworkRegisteredEvent;
import io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.SetAfterCutOffHandlingCommand;
import io.clearline.core.businessday.api.TakeUpWarehousedPaymentsCommand;
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import io.clearline.core.businessday.api.WarehousePaymentForNextDayCommand;
import io.clearline.core.businessday.api.WarehousedPaymentTakenUpEvent;
import io.clearline.core.businessday.api.WarehousedPaymentWithdrawnEvent;
import io.clearline.core.businessday.api.WithdrawWarehousedPaymentCommand;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Payments after a cut-off are rejected or warehoused for the next day, as configured. */
class BusinessDayWarehouseTest {
    private static final String NETWORK = BusinessDays.NETWORK;
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private static final Reason PAST_CUT_OFF = Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its"
            + " cut-off; warehoused until the next business day opens");
    private AggregateTestFixture<BusinessDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BusinessDay.class);
    }

    private NetworkRegisteredEvent registered() {
        return new NetworkRegisteredEvent(NETWORK, fixture.currentTime());
    }

    private AfterCutOffHandlingSetEvent handling(AfterCutOffHandling handling) {
        return new AfterCutOffHandlingSetEvent(NETWORK, handling, fixture.currentTime());
    }

    private BusinessDayOpenedEvent opened(LocalDate date) {
        return new BusinessDayOpenedEvent(NETWORK, date, fixture.currentTime());
    }

    private BusinessDayCutOffEvent cutOff(LocalDate date) {
        return new BusinessDayCutOffEvent(NETWORK, date, fixture.currentTime());
    }

    private BusinessDayClosedEvent closed(LocalDate date) {
        return new BusinessDayClosedEvent(NETWORK, date, fixture.currentTime());
    }

    private PaymentWarehousedForNextDayEvent warehoused(Uetr uetr, Reason reason) {
        return new PaymentWarehousedForNextDayEvent(NETWORK, uetr, BANK_A, MONDAY, reason, fixture.currentTime());
    }

    private WarehousedPaymentTakenUpEvent takenUp(Uetr uetr, LocalDate date) {
        return new WarehousedPaymentTakenUpEvent(NETWORK, uetr, date, fixture.currentTime());
    }

    @Test
    void theHandlingIsSetByTheNodeAndSettingItAgainChangesNothing() {
        fixture.given(registered()).when(new SetAfterCutOffHandlingCommand(AfterCutOffHandling.WAREHOUSE))
                .expectEvents(handling(AfterCutOffHandling.WAREHOUSE));
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE))
                .when(new SetAfterCutOffHandlingCommand(AfterCutOffHandling.WAREHOUSE)).expectNoEvents();
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE))
                .when(new SetAfterCutOffHandlingCommand(AfterCutOffHandling.REJECT))
                .expectEvents(handling(AfterCutOffHandling.REJECT));
    }

    @Test
    void aNetworkRejectsAfterTheCutOffUntilToldToWarehouse() {
        fixture.given(registered()).when(new SetAfterCutOffHandlingCommand(AfterCutOffHandling.REJECT))
                .expectNoEvents();
        fixture.given(registered(), opened(MONDAY), cutOff(MONDAY))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, false))
                .expectException(PaymentsNotAcceptedException.class)
                .expectExceptionMessage("business day 2026-11-23 is past its cut-off; send the payment on the next"
                        + " business day")
                .expectNoEvents();
    }

    @Test
    void pastTheCutOffAWarehousingNetworkRefusesAPaymentAsOneToBeWarehoused() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY))
                .when(new VerifyAcceptingPaymentsCommand(false))
                .expectException(PaymentsNotAcceptedException.class)
                .expectException(new CustomTypeSafeMatcher<PaymentsNotAcceptedException>("one to be warehoused") {
                    @Override
                    protected boolean matchesSafely(PaymentsNotAcceptedException refusal) {
                        return refusal.mayBeWarehoused();
                    }
                })
                .expectExceptionMessage("business day 2026-11-23 is past its cut-off");
    }

    @Test
    void aPaymentPastItsCutOffIsWarehousedWithTM01() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, false))
                .expectEvents(warehoused(UETR_1, PAST_CUT_OFF))
                .expectResultMessagePayload(true);
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY),
                        new BusinessDayCustomerCutOffEvent(NETWORK, MONDAY, fixture.currentTime()))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true))
                .expectEvents(warehoused(UETR_1, Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its"
                        + " customer cut-off; warehoused until the next business day opens")));
    }

    @Test
    void aPaymentAfterTheCloseIsWarehousedAndAskingAgainChangesNothing() {
        Reason closedDay = Reason.of(ReasonCode.TM01, "business day 2026-11-23 is closed; warehoused until the next"
                + " business day opens");
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY), closed(MONDAY))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, false))
                .expectEvents(warehoused(UETR_1, closedDay));
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY), closed(MONDAY),
                        warehoused(UETR_1, closedDay))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, false))
                .expectNoEvents().expectResultMessagePayload(true);
    }

    @Test
    void aPaymentTheDayTakesAfterAllIsNotWarehoused() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY))
                .when(new WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), registered())
                .when(new VerifyAcceptingPaymentsCommand(true)).expectSuccessfulHandlerExecution();
    }

    @Test
    void whilePaymentsWaitToBeTakenUpANewOneWaitsBehindThem() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY), closed(MONDAY),
                        warehoused(UETR_1, PAST_CUT_OFF), opened(TUESDAY))
                .when(new WarehousePaymentForNextDayCommand(UETR_2, BANK_B, false))
                .expectEvents(new PaymentWarehousedForNextDayEvent(NETWORK, UETR_2, BANK_B, TUESDAY,
                        Reason.of(ReasonCode.TM01, "payments warehoused before it for business day 2026-11-24 are"
                                + " not yet taken up; warehoused until the next business day opens"),
                        fixture.currentTime()));
    }

    @Test
    void pastTheCustomerCutOffAnInterbankPaymentDoesNotWaitBehindWarehousedCustomerPayments() {
        BusinessDayCustomerCutOffEvent customerCutOff =
                new BusinessDayCustomerCutOffEvent(NETWORK, MONDAY, fixture.currentTime());
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), customerCutOff,
                        warehoused(UETR_1, PAST_CUT_OFF))
                .when(new VerifyAcceptingPaymentsCommand(false)).expectSuccessfulHandlerExecution();
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), customerCutOff,
                        warehoused(UETR_1, PAST_CUT_OFF))
                .when(new WarehousePaymentForNextDayCommand(UETR_2, BANK_A, false))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void beyondTheWarehouseLimitALatePaymentIsRejected() {
        List<Object> history = new ArrayList<>(List.of(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY),
                cutOff(MONDAY)));
        for (int i = 0; i < BusinessDays.WAREHOUSED_PAYMENTS_MAX; i++) {
            history.add(warehoused(Uetr.of(String.format("00000000-0000-4000-8000-%012x", i)), PAST_CUT_OFF));
        }
        fixture.given(history)
                .when(new WarehousePaymentForNextDayCommand(UETR_3, BANK_A, false))
                .expectException(PaymentsNotAcceptedException.class)
                .expectExceptionMessage("business day 2026-11-23 is past its cut-off, and 10000 payments, the most it"
                        + " keeps, already wait for the next business day; send the payment once it opens")
                .expectNoEvents();
    }

    @Test
    void theNextDayTakesUpWarehousedPaymentsInArrivalOrder() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY),
                        warehoused(UETR_2, PAST_CUT_OFF), warehoused(UETR_1, PAST_CUT_OFF),
                        warehoused(UETR_3, PAST_CUT_OFF), closed(MONDAY),
                        new WarehousedPaymentWithdrawnEvent(NETWORK, UETR_3, fixture.currentTime()), opened(TUESDAY))
                .when(new TakeUpWarehousedPaymentsCommand(TUESDAY))
                .expectEvents(takenUp(UETR_2, TUESDAY), takenUp(UETR_1, TUESDAY));
    }

    @Test
    void warehousedPaymentsAreTakenUpOnlyOnTheDayOpenNow() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY),
                        warehoused(UETR_1, PAST_CUT_OFF))
                .when(new TakeUpWarehousedPaymentsCommand(MONDAY)).expectNoEvents();
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY),
                        warehoused(UETR_1, PAST_CUT_OFF), closed(MONDAY), opened(TUESDAY),
                        takenUp(UETR_1, TUESDAY))
                .when(new TakeUpWarehousedPaymentsCommand(TUESDAY)).expectNoEvents();
    }

    @Test
    void aCancelledWarehousedPaymentGivesBackItsPlace() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY),
                        warehoused(UETR_1, PAST_CUT_OFF))
                .when(new WithdrawWarehousedPaymentCommand(UETR_1))
                .expectEvents(new WarehousedPaymentWithdrawnEvent(NETWORK, UETR_1, fixture.currentTime()));
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY))
                .when(new WithdrawWarehousedPaymentCommand(UETR_1)).expectNoEvents();
    }

    @Test
    void switchedBackToRejectWarehousedPaymentsAreStillTakenUp() {
        fixture.given(registered(), handling(AfterCutOffHandling.WAREHOUSE), opened(MONDAY), cutOff(MONDAY),
                        warehoused(UETR_1, PAST_CUT_OFF), handling(AfterCutOffHandling.REJECT), closed(MONDAY),
                        opened(TUESDAY))
                .when(new TakeUpWarehousedPaymentsCommand(TUESDAY))
                .expectEvents(takenUp(UETR_1, TUESDAY));
    }
}
