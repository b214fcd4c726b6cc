package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.MarkPaymentSettlingCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.PaymentTakenUpEvent;
import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.core.payment.api.TakeUpWarehousedPaymentCommand;
import io.clearline.core.payment.api.WarehousePaymentCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A payment the business day did not take waits WAREHOUSED for the next day, or is cancelled by its payer. */
class PaymentWarehousingTest {
    private static final Reason LATE = Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its cut-off;"
            + " warehoused until the next business day opens");
    private static final LocalDate TUESDAY = LocalDate.of(2026, 11, 24);
    private AggregateTestFixture<PaymentInstruction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaymentInstruction.class);
    }

    private PaymentReceivedEvent received() {
        return new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1",
                fixture.currentTime());
    }

    private PaymentWarehousedEvent warehoused() {
        return new PaymentWarehousedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, LATE, fixture.currentTime());
    }

    private PaymentTakenUpEvent takenUp() {
        return new PaymentTakenUpEvent(UETR_1, TUESDAY, fixture.currentTime());
    }

    @Test
    void aReceivedPaymentIsWarehousedWithItsReasonAndOnlyOnce() {
        fixture.given(received()).when(new WarehousePaymentCommand(UETR_1, LATE)).expectEvents(warehoused());
        fixture.given(received(), warehoused()).when(new WarehousePaymentCommand(UETR_1, LATE)).expectNoEvents();
    }

    @Test
    void aQueuedPaymentIsNeverWarehoused() {
        fixture.given(received(), new PaymentQueuedEvent(UETR_1, BANK_A, BANK_B, euros(100), PaymentPriority.NORMAL,
                        Reason.of(ReasonCode.AM04, "short"), fixture.currentTime()))
                .when(new WarehousePaymentCommand(UETR_1, LATE))
                .expectException(IllegalStateException.class).expectNoEvents();
    }

    @Test
    void aWarehousedPaymentNeverStartsSettlingBeforeItIsTakenUp() {
        fixture.given(received(), warehoused()).when(new MarkPaymentSettlingCommand(UETR_1))
                .expectException(IllegalStateException.class).expectNoEvents();
    }

    @Test
    void aWarehousedPaymentIsTakenUpAsReceivedOnTheNextDayAndThenSettles() {
        fixture.given(received(), warehoused()).when(new TakeUpWarehousedPaymentCommand(UETR_1, TUESDAY))
                .expectEvents(takenUp());
        fixture.given(received(), warehoused(), takenUp()).when(new TakeUpWarehousedPaymentCommand(UETR_1, TUESDAY))
                .expectNoEvents();
        fixture.given(received(), warehoused(), takenUp()).when(new MarkPaymentSettlingCommand(UETR_1))
                .expectEvents(new PaymentSettlingEvent(UETR_1, BANK_A, BANK_B, euros(100), fixture.currentTime()));
    }

    @Test
    void aWarehousedPaymentIsCancelledByItsPayerAndNeverTakenUp() {
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled while warehoused by BANKAAAAXXX");
        fixture.given(received(), warehoused()).when(new CancelWarehousedPaymentCommand(UETR_1, cancelled))
                .expectEvents(new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, cancelled,
                        fixture.currentTime()));
        fixture.given(received(), warehoused(), new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100),
                        REFERENCES, cancelled, fixture.currentTime()))
                .when(new TakeUpWarehousedPaymentCommand(UETR_1, TUESDAY))
                .expectException(IllegalStateException.class).expectNoEvents();
    }

    @Test
    void onceTakenUpAPaymentIsNoLongerCancelledAsWarehoused() {
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled while warehoused by BANKAAAAXXX");
        fixture.given(received(), warehoused(), takenUp()).when(new CancelWarehousedPaymentCommand(UETR_1, cancelled))
                .expectException(IllegalStateException.class).expectNoEvents();
        fixture.given(received()).when(new CancelWarehousedPaymentCommand(UETR_1, cancelled))
                .expectException(IllegalStateException.class).expectNoEvents();
    }

    @Test
    void theQueueMayStillCancelAWarehousedPayment() {
        Reason closed = Reason.of(ReasonCode.TM01, "closed");
        fixture.given(received(), warehoused()).when(new CancelPaymentCommand(UETR_1, closed))
                .expectEvents(new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, closed,
                        fixture.currentTime()));
    }
}
