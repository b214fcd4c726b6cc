package io.clearline.core.businessday;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayCustomerCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.BusinessDays;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand;
import io.clearline.core.businessday.api.NetworkRegisteredEvent;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.RegisterNetworkCommand;
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The business day moves OPEN → CUT_OFF → CLOSED, and dates only forward. */
class BusinessDayTest {
    private static final String NETWORK = BusinessDays.NETWORK;
    private static final LocalDate MONDAY = LocalDate.of(2026, 11, 23);
    private static final LocalDate TUESDAY = MONDAY.plusDays(1);
    private AggregateTestFixture<BusinessDay> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BusinessDay.class);
    }

    private BusinessDayOpenedEvent opened(LocalDate date) {
        return new BusinessDayOpenedEvent(NETWORK, date, fixture.currentTime());
    }

    private BusinessDayCustomerCutOffEvent customerCutOff(LocalDate date) {
        return new BusinessDayCustomerCutOffEvent(NETWORK, date, fixture.currentTime());
    }

    private BusinessDayCutOffEvent cutOff(LocalDate date) {
        return new BusinessDayCutOffEvent(NETWORK, date, fixture.currentTime());
    }

    private BusinessDayClosedEvent closed(LocalDate date) {
        return new BusinessDayClosedEvent(NETWORK, date, fixture.currentTime());
    }

    @Test
    void aRegisteredNetworkWithoutADayTakesPaymentsAndRegisteringAgainChangesNothing() {
        fixture.givenNoPriorActivity().when(new RegisterNetworkCommand())
                .expectEvents(new NetworkRegisteredEvent(NETWORK, fixture.currentTime()));
        fixture.given(new NetworkRegisteredEvent(NETWORK, fixture.currentTime())).when(new RegisterNetworkCommand())
                .expectNoEvents();
        fixture.given(new NetworkRegisteredEvent(NETWORK, fixture.currentTime()))
                .when(new VerifyAcceptingPaymentsCommand(true)).expectSuccessfulHandlerExecution();
        fixture.given(new NetworkRegisteredEvent(NETWORK, fixture.currentTime()))
                .when(new OpenBusinessDayCommand(MONDAY)).expectEvents(opened(MONDAY));
        fixture.given(opened(MONDAY)).when(new RegisterNetworkCommand()).expectNoEvents();
    }

    @Test
    void theFirstDayOpensAndTakesPayments() {
        fixture.givenNoPriorActivity().when(new OpenBusinessDayCommand(MONDAY)).expectEvents(opened(MONDAY));
        fixture.given(opened(MONDAY)).when(new VerifyAcceptingPaymentsCommand(true)).expectSuccessfulHandlerExecution();
        fixture.given(opened(MONDAY)).when(new OpenBusinessDayCommand(MONDAY)).expectNoEvents();
    }

    @Test
    void pastTheCutOffAndAfterTheCloseNoPaymentIsTaken() {
        fixture.given(opened(MONDAY)).when(new CutOffBusinessDayCommand()).expectEvents(cutOff(MONDAY));
        fixture.given(opened(MONDAY), cutOff(MONDAY)).when(new VerifyAcceptingPaymentsCommand(true))
                .expectException(PaymentsNotAcceptedException.class)
                .expectExceptionMessage("business day 2026-11-23 is past its cut-off; send the payment on the next"
                        + " business day");
        fixture.given(opened(MONDAY), cutOff(MONDAY)).when(new CloseBusinessDayCommand()).expectEvents(closed(MONDAY));
        fixture.given(opened(MONDAY), cutOff(MONDAY), closed(MONDAY)).when(new VerifyAcceptingPaymentsCommand(true))
                .expectException(PaymentsNotAcceptedException.class);
    }

    @Test
    void pastTheCustomerCutOffCustomerPaymentsAreRefusedAndInterbankPaymentsTaken() {
        fixture.given(opened(MONDAY)).when(new CutOffCustomerPaymentsCommand())
                .expectEvents(new BusinessDayCustomerCutOffEvent(NETWORK, MONDAY, fixture.currentTime()));
        fixture.given(opened(MONDAY), customerCutOff(MONDAY)).when(new VerifyAcceptingPaymentsCommand(true))
                .expectException(PaymentsNotAcceptedException.class)
                .expectExceptionMessage("business day 2026-11-23 is past its customer cut-off; send the customer"
                        + " payment on the next business day (interbank payments are taken until the cut-off)");
        fixture.given(opened(MONDAY), customerCutOff(MONDAY)).when(new VerifyAcceptingPaymentsCommand(false))
                .expectSuccessfulHandlerExecution();
        fixture.given(opened(MONDAY), customerCutOff(MONDAY)).when(new CutOffBusinessDayCommand())
                .expectEvents(cutOff(MONDAY));
        fixture.given(opened(MONDAY), customerCutOff(MONDAY), cutOff(MONDAY))
                .when(new VerifyAcceptingPaymentsCommand(false)).expectException(PaymentsNotAcceptedException.class);
    }

    @Test
    void theCustomerCutOffAgainOrAfterTheCutOffChangesNothing() {
        fixture.given(opened(MONDAY), customerCutOff(MONDAY)).when(new CutOffCustomerPaymentsCommand())
                .expectNoEvents();
        fixture.given(opened(MONDAY), cutOff(MONDAY)).when(new CutOffCustomerPaymentsCommand()).expectNoEvents();
        fixture.given(opened(MONDAY), cutOff(MONDAY), closed(MONDAY)).when(new CutOffCustomerPaymentsCommand())
                .expectException(IllegalStateException.class);
    }

    @Test
    void aDayClosesOnlyAfterItsCutOffAndTheNextOpensOnlyAfterItCloses() {
        fixture.given(opened(MONDAY)).when(new CloseBusinessDayCommand()).expectException(IllegalStateException.class);
        fixture.given(opened(MONDAY)).when(new OpenBusinessDayCommand(TUESDAY))
                .expectException(IllegalStateException.class);
        fixture.given(opened(MONDAY), cutOff(MONDAY), closed(MONDAY)).when(new OpenBusinessDayCommand(TUESDAY))
                .expectEvents(opened(TUESDAY));
    }

    @Test
    void datesOnlyMoveForward() {
        fixture.given(opened(TUESDAY), cutOff(TUESDAY), closed(TUESDAY)).when(new OpenBusinessDayCommand(MONDAY))
                .expectException(IllegalArgumentException.class);
        fixture.given(opened(MONDAY), cutOff(MONDAY), closed(MONDAY)).when(new OpenBusinessDayCommand(MONDAY))
                .expectException(IllegalArgumentException.class);
    }
}
