package io.clearline.core.payment;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.LedgerAttempts;
import io.clearline.core.payment.api.CompleteReturnCommand;
import io.clearline.core.payment.api.FailReturnCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentReturnFailedEvent;
import io.clearline.core.payment.api.PaymentReturnRequestedEvent;
import io.clearline.core.payment.api.PaymentReturnedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import jakarta.inject.Inject;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * A return (pacs.004) from request to outcome: the return is submitted as a payment of its own from
 * the original payee to the original payer, settling like any other (queue, limits, ledger), and its
 * outcome is recorded on the original payment: returned, or returnable again if the return failed.
 * Associated with the return's UETR, so the return payment's own events reach it.
 */
@ProcessingGroup(ProcessingGroups.PAYMENT_RETURN_SAGA)
public class PaymentReturnSaga {
    private static final System.Logger LOG = System.getLogger(PaymentReturnSaga.class.getName());

    private Uetr originalUetr;
    private Uetr returnUetr;

    @Inject
    private transient CommandGateway commandGateway;

    @StartSaga
    @SagaEventHandler(associationProperty = "returnUetr", keyName = "uetr")
    void on(PaymentReturnRequestedEvent event) {
        originalUetr = event.originalUetr();
        returnUetr = event.returnUetr();
        CommandGateway gateway = commandGateway;
        Uetr original = originalUetr;
        Uetr payment = returnUetr;
        gateway.<SubmitPaymentOutcome>send(new SubmitPaymentCommand(payment, event.returner(), event.returnee(),
                        event.amount(), event.references(), event.contentDigest()))
                .whenComplete((outcome, failure) -> {
                    if (failure != null) {
                        fail(gateway, original, payment, Reason.of(ReasonCode.NARR, "the return could not be "
                                + "submitted: " + LedgerAttempts.unwrap(failure).getMessage()));
                    } else if (outcome == SubmitPaymentOutcome.DUPLICATE) {
                        fail(gateway, original, payment, Reason.of(ReasonCode.AM05, "the return's UETR " + payment
                                + " is already another payment's"));
                    }
                });
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentSettledEvent event) {
        Uetr original = originalUetr;
        commandGateway.send(new CompleteReturnCommand(original, returnUetr, event.ledgerTransactionId()))
                .whenComplete((ignored, failure) -> logIfFailed(failure, original, "record the return as settled"));
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentRejectedEvent event) {
        fail(commandGateway, originalUetr, returnUetr, event.reason());
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentCancelledEvent event) {
        fail(commandGateway, originalUetr, returnUetr, event.reason());
    }

    /** The original payment recorded the outcome, whichever way it went: the return is done. */
    @EndSaga
    @SagaEventHandler(associationProperty = "returnUetr", keyName = "uetr")
    void on(PaymentReturnedEvent event) {
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "returnUetr", keyName = "uetr")
    void on(PaymentReturnFailedEvent event) {
    }

    private static void fail(CommandGateway gateway, Uetr original, Uetr payment, Reason reason) {
        gateway.send(new FailReturnCommand(original, payment, reason))
                .whenComplete((ignored, failure) -> logIfFailed(failure, original, "record the failed return " + payment));
    }

    private static void logIfFailed(Throwable failure, Uetr original, String step) {
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "payment " + original + ": could not " + step, failure);
        }
    }
}
