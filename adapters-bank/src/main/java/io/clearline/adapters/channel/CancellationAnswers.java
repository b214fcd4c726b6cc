package io.clearline.adapters.channel;

import io.clearline.adapters.outbound.OutboundDelivery;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.iso20022.CancellationRequest;
import io.clearline.iso20022.CancellationRequestMessage;
import io.clearline.iso20022.CancellationResolution;
import io.clearline.iso20022.CancellationResolution.Outcome;
import io.clearline.iso20022.CancellationResolution.Status;
import io.clearline.iso20022.Iso20022Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * Answers a payer's camt.056, payment by payment, as an RTGS would: a queued payment is cancelled
 * (ACCR); one being settled right now cannot be stopped (RJCR AGNT); a settled one is passed on to its
 * payee, who may return it with a pacs.004 (PDCR); one already returned, rejected or cancelled is
 * refused with that reason. Only the payer may ask: any other payment is answered as not known (NOOR),
 * so a cancellation request never reveals another bank's payments.
 */
final class CancellationAnswers {
    static final String CANCELLATION_REQUEST_TYPE = "camt.056";

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final OutboundDelivery delivery;
    private final Iso20022Writer writer;
    private final Duration timeout;

    CancellationAnswers(CommandGateway commands, QueryGateway queries, OutboundDelivery delivery, Iso20022Writer writer,
                        Duration timeout) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.delivery = Objects.requireNonNull(delivery, "delivery");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** @return the resolution to send the payer; empty when the core did not answer in time */
    Optional<CancellationResolution> answer(String payerBic, CancellationRequestMessage message, byte[] xml) {
        List<Outcome> outcomes = new ArrayList<>();
        for (CancellationRequest request : message.transactions()) {
            Optional<Optional<PaymentView>> found = find(request.originalUetr());
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Optional<PaymentView> payment = found.get().filter(view -> view.payer().value().equals(payerBic));
            outcomes.add(payment.isEmpty()
                    ? new Outcome(request, Status.REFUSED, "NOOR", "No payment with UETR " + request.originalUetr()
                            + " sent by " + payerBic + " is known here")
                    : decide(request, payment.get(), message, xml));
        }
        String caseId = message.transactions().getFirst().caseId();
        return Optional.of(new CancellationResolution(payerBic, caseId != null ? caseId : message.assignmentId(),
                outcomes));
    }

    private Outcome decide(CancellationRequest request, PaymentView payment, CancellationRequestMessage message,
                           byte[] xml) {
        return switch (payment.status()) {
            case QUEUED -> cancelQueued(request, payment, message, xml);
            case WAREHOUSED -> cancelWarehoused(request, payment, message, xml);
            case RECEIVED, SETTLING -> new Outcome(request, Status.REFUSED, "AGNT", "The payment is being settled"
                    + " and cannot be stopped; once settled its payee may return it");
            case SETTLED -> passOnToPayee(request, payment, message, xml);
            case RETURNED -> new Outcome(request, Status.REFUSED, "ARDT", "The payment was already returned");
            case REJECTED, CANCELLED -> new Outcome(request, Status.REFUSED, "ARJR", "The payment was "
                    + payment.status().name().toLowerCase(java.util.Locale.ROOT) + " and never settled");
        };
    }

    private Outcome cancelQueued(CancellationRequest request, PaymentView payment, CancellationRequestMessage message,
                                 byte[] xml) {
        return cancelWhile(PaymentStatus.QUEUED, request, message, xml, new CancelQueuedPaymentCommand(
                new LiquidityAccountId(payment.payer(), payment.amount().currency()), payment.uetr(),
                payersRequest(request, message)));
    }

    /** Waiting for the next business day, it has moved no money: cancelled like a queued payment. */
    private Outcome cancelWarehoused(CancellationRequest request, PaymentView payment,
                                     CancellationRequestMessage message, byte[] xml) {
        return cancelWhile(PaymentStatus.WAREHOUSED, request, message, xml,
                new CancelWarehousedPaymentCommand(payment.uetr(), payersRequest(request, message)));
    }

    private static Reason payersRequest(CancellationRequest request, CancellationRequestMessage message) {
        return Reason.of(ReasonCode.NARR, "cancelled at the payer's request (camt.056 " + message.assignmentId()
                + ", reason " + request.reasonCode() + ")");
    }

    private Outcome cancelWhile(PaymentStatus status, CancellationRequest request, CancellationRequestMessage message,
                                byte[] xml, Object cancellation) {
        try {
            commands.send(cancellation).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(request, Status.CANCELLED, null, null);
        } catch (Exception movedOn) {
            if (movedOn instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // It moved on between the look-up and the cancellation: answer for where it is now.
            Optional<PaymentView> now = find(request.originalUetr()).flatMap(view -> view);
            if (now.isPresent() && now.get().status() != status) {
                return decide(request, now.get(), message, xml);
            }
            return new Outcome(request, Status.REFUSED, "AGNT", "The payment could not be cancelled now; ask again");
        }
    }

    private Outcome passOnToPayee(CancellationRequest request, PaymentView payment, CancellationRequestMessage message,
                                  byte[] xml) {
        if (message.transactions().size() != 1) {
            return new Outcome(request, Status.REFUSED, "AGNT", "The payment has settled; send one camt.056 per"
                    + " settled payment, so that it can be passed on to its payee alone");
        }
        String payee = payment.payee().value();
        delivery.deliver(payee, CANCELLATION_REQUEST_TYPE, "camt.056:" + payment.uetr().value() + ":"
                + message.assignmentId(), writer.forwardCancellationRequest(xml, payee));
        return new Outcome(request, Status.PENDING, null, null);
    }

    /** Empty when the core did not answer in time; otherwise the payment, if the core knows it. */
    private Optional<Optional<PaymentView>> find(String uetr) {
        try {
            return Optional.of(queries.query(new FindPaymentQuery(Uetr.of(uetr)),
                            ResponseTypes.optionalInstanceOf(PaymentView.class))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (Exception unavailable) {
            return Optional.empty();
        }
    }
}
