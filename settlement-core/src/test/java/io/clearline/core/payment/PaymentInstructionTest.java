package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.MarkPaymentSettlingCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.QueuePaymentCommand;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.RejectPaymentCommand;
import io.clearline.core.payment.api.SettlePaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentInstructionTest {
    private static final Reason AM04 = Reason.of(ReasonCode.AM04, "short");
    private AggregateTestFixture<PaymentInstruction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PaymentInstruction.class);
    }

    private SubmitPaymentCommand submit(long minorUnits, String digest) {
        return new SubmitPaymentCommand(UETR_1, BANK_A, BANK_B, euros(minorUnits), REFERENCES, digest);
    }

    private PaymentReceivedEvent received() {
        return new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1", fixture.currentTime());
    }

    private PaymentSettlingEvent settling() {
        return new PaymentSettlingEvent(UETR_1, BANK_A, BANK_B, euros(100), fixture.currentTime());
    }

    private PaymentSettledEvent settled(String ledgerTransactionId) {
        return new PaymentSettledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, ledgerTransactionId,
                fixture.currentTime());
    }

    private PaymentRejectedEvent rejected(Reason reason) {
        return new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, reason, fixture.currentTime());
    }

    @Test
    void aNewPaymentIsReceivedAndAccepted() {
        fixture.givenNoPriorActivity()
                .when(submit(100, "digest-1"))
                .expectEvents(received())
                .expectResultMessagePayload(SubmitPaymentOutcome.ACCEPTED);
    }

    @Test
    void repeatedIdenticalSubmissionIsHarmless() {
        fixture.given(received())
                .when(submit(100, "digest-1"))
                .expectNoEvents()
                .expectResultMessagePayload(SubmitPaymentOutcome.REPEATED);
    }

    @Test
    void sameUetrWithOtherContentIsRefusedAsDuplicate() {
        fixture.given(received())
                .when(submit(999, "digest-2"))
                .expectNoEvents()
                .expectResultMessagePayload(SubmitPaymentOutcome.DUPLICATE);
    }

    @Test
    void aZeroAmountIsReceivedThenRejectedWithAM01() {
        fixture.givenNoPriorActivity()
                .when(submit(0, "digest-0"))
                .expectResultMessagePayload(SubmitPaymentOutcome.ACCEPTED)
                .expectEvents(
                        new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(0), REFERENCES, "digest-0",
                                fixture.currentTime()),
                        new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(0), REFERENCES,
                                Reason.of(ReasonCode.AM01, "a payment must move more than zero"),
                                fixture.currentTime()));
    }

    @Test
    void aReceivedPaymentWithReservedLiquidityStartsSettling() {
        fixture.given(received()).when(new MarkPaymentSettlingCommand(UETR_1)).expectEvents(settling());
    }

    @Test
    void aSettlingPaymentSettlesWithItsLedgerTransaction() {
        fixture.given(received(), settling())
                .when(new SettlePaymentCommand(UETR_1, "tx-1"))
                .expectEvents(settled("tx-1"));
    }

    @Test
    void settlingTheSameTransactionAgainChangesNothing() {
        fixture.given(received(), settling(), settled("tx-1"))
                .when(new SettlePaymentCommand(UETR_1, "tx-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSettledPaymentCannotSettleInAnotherTransaction() {
        fixture.given(received(), settling(), settled("tx-1"))
                .when(new SettlePaymentCommand(UETR_1, "tx-2"))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aPaymentCannotSettleBeforeLiquidityIsReserved() {
        fixture.given(received())
                .when(new SettlePaymentCommand(UETR_1, "tx-1"))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aSettlingPaymentCanBeRejected() {
        fixture.given(received(), settling())
                .when(new RejectPaymentCommand(UETR_1, AM04))
                .expectEvents(rejected(AM04));
    }

    @Test
    void rejectingARejectedPaymentAgainChangesNothing() {
        fixture.given(received(), rejected(AM04))
                .when(new RejectPaymentCommand(UETR_1, AM04))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void settledIsFinalSoALateRejectionIsABug() {
        fixture.given(received(), settling(), settled("tx-1"))
                .when(new RejectPaymentCommand(UETR_1, AM04))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aRejectedPaymentNeverStartsSettling() {
        fixture.given(received(), rejected(AM04))
                .when(new MarkPaymentSettlingCommand(UETR_1))
                .expectException(IllegalStateException.class);
    }

    private PaymentQueuedEvent queued() {
        return new PaymentQueuedEvent(UETR_1, BANK_A, BANK_B, euros(100), PaymentPriority.NORMAL, AM04,
                fixture.currentTime());
    }

    private PaymentCancelledEvent cancelled(Reason reason) {
        return new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, reason, fixture.currentTime());
    }

    @Test
    void aPaymentIsReceivedWithThePriorityItWasSubmittedWith() {
        fixture.givenNoPriorActivity()
                .when(new SubmitPaymentCommand(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1",
                        PaymentPriority.URGENT))
                .expectEvents(new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1",
                        fixture.currentTime(), PaymentPriority.URGENT));
    }

    @Test
    void aReceivedPaymentIsQueuedWithItsReason() {
        fixture.given(received())
                .when(new QueuePaymentCommand(UETR_1, AM04))
                .expectEvents(queued());
    }

    @Test
    void queuingAQueuedPaymentAgainChangesNothing() {
        fixture.given(received(), queued())
                .when(new QueuePaymentCommand(UETR_1, AM04))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLateQueueCommandLeavesASettlingPaymentSettling() {
        fixture.given(received(), settling())
                .when(new QueuePaymentCommand(UETR_1, AM04))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aQueuedPaymentStartsSettlingOnceItsAccountReservesIt() {
        fixture.given(received(), queued())
                .when(new MarkPaymentSettlingCommand(UETR_1))
                .expectEvents(settling());
    }

    @Test
    void aQueuedPaymentIsCancelledWithItsReason() {
        Reason reason = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        fixture.given(received(), queued())
                .when(new CancelPaymentCommand(UETR_1, reason))
                .expectEvents(cancelled(reason));
    }

    @Test
    void cancellingACancelledPaymentAgainChangesNothing() {
        Reason reason = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        fixture.given(received(), queued(), cancelled(reason))
                .when(new CancelPaymentCommand(UETR_1, reason))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aSettlingPaymentCannotBeCancelled() {
        fixture.given(received(), settling())
                .when(new CancelPaymentCommand(UETR_1, AM04))
                .expectException(IllegalStateException.class);
    }

    @Test
    void aCancelledPaymentNeverStartsSettling() {
        fixture.given(received(), queued(), cancelled(AM04))
                .when(new MarkPaymentSettlingCommand(UETR_1))
                .expectException(IllegalStateException.class);
    }
}
