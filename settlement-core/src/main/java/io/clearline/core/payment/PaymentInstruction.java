package io.clearline.core.payment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.CancelWarehousedPaymentCommand;
import io.clearline.core.payment.api.MarkPaymentSettlingCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentReferences;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.QueuePaymentCommand;
import io.clearline.core.payment.api.RejectPaymentCommand;
import io.clearline.core.payment.api.CompleteReturnCommand;
import io.clearline.core.payment.api.FailReturnCommand;
import io.clearline.core.payment.api.PaymentReturnFailedEvent;
import io.clearline.core.payment.api.PaymentReturnRequestedEvent;
import io.clearline.core.payment.api.PaymentReturnedEvent;
import io.clearline.core.payment.api.ReturnPaymentCommand;
import io.clearline.core.payment.api.SettleInGridlockCommand;
import io.clearline.core.payment.api.SettlePaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import io.clearline.core.payment.api.PaymentTakenUpEvent;
import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.core.payment.api.TakeUpWarehousedPaymentCommand;
import io.clearline.core.payment.api.WarehousePaymentCommand;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One payment instruction, keyed by its UETR, from receipt to a final status.
 *
 * <p>Statuses move RECEIVED → (QUEUED →) SETTLING → SETTLED, or RECEIVED/QUEUED/SETTLING → REJECTED,
 * or RECEIVED/QUEUED → CANCELLED; a payment the business day did not take may wait RECEIVED → WAREHOUSED
 * → RECEIVED for the next day, or be cancelled while WAREHOUSED. REJECTED and CANCELLED are final; a SETTLED payment becomes RETURNED
 * once its payee has returned all of it, in one or more returns (each a payment of its own). Repeating the step already taken is harmless; any other step out of order is
 * a bug in the caller and fails with {@link IllegalStateException}.
 */
public class PaymentInstruction {

    @AggregateIdentifier
    private Uetr uetr;
    private Bic payer;
    private Bic payee;
    private Money amount;
    private PaymentReferences references;
    private String contentDigest;
    private PaymentPriority priority;
    private PaymentStatus status;
    private String ledgerTransactionId;
    /** Returns requested and not yet settled or failed, by return UETR; bounded by the amount left to return. */
    private final Map<Uetr, Money> returnsInFlight = new HashMap<>();
    /** Every return ever requested, by return UETR, with its content digest: the returns' idempotency. */
    private final Map<Uetr, String> returnDigests = new HashMap<>();
    private long returnedMinorUnits;

    protected PaymentInstruction() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    SubmitPaymentOutcome handle(SubmitPaymentCommand command) {
        Objects.requireNonNull(command.contentDigest(), "contentDigest");
        if (uetr != null) {
            // The UETR is the idempotency key: the first payment under it is never touched again here.
            return contentDigest.equals(command.contentDigest())
                    ? SubmitPaymentOutcome.REPEATED
                    : SubmitPaymentOutcome.DUPLICATE;
        }
        if (command.payer().equals(command.payee())) {
            throw new IllegalArgumentException("a payment needs two different banks: " + command.payer());
        }
        Instant now = now();
        apply(new PaymentReceivedEvent(command.uetr(), command.payer(), command.payee(), command.amount(),
                command.references(), command.contentDigest(), now, command.priority()));
        if (command.amount().isZero()) {
            // Recorded, then refused at once: the UETR stays taken and the sender gets an AM01 answer.
            apply(rejection(Reason.of(ReasonCode.AM01, "a payment must move more than zero"), now));
        }
        return SubmitPaymentOutcome.ACCEPTED;
    }

    @CommandHandler
    void handle(QueuePaymentCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status != PaymentStatus.RECEIVED) {
            // Queued already, or the account released (or the payment left) the queue before this arrived.
            return;
        }
        apply(new PaymentQueuedEvent(uetr, payer, payee, amount, priority, command.reason(), now()));
    }

    @CommandHandler
    void handle(CancelPaymentCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status == PaymentStatus.CANCELLED || status == PaymentStatus.REJECTED) {
            return;
        }
        if (status != PaymentStatus.RECEIVED && status != PaymentStatus.QUEUED
                && status != PaymentStatus.WAREHOUSED) {
            throw new IllegalStateException("cannot cancel payment " + uetr + ": it is " + status
                    + "; only a received, queued or warehoused payment can be cancelled");
        }
        apply(new PaymentCancelledEvent(uetr, payer, payee, amount, references, command.reason(), now()));
    }

    /** Rule: only a received payment is warehoused, since only a new payment meets the business day's check. */
    @CommandHandler
    void handle(WarehousePaymentCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status == PaymentStatus.WAREHOUSED) {
            return;
        }
        requireStatus(PaymentStatus.RECEIVED, "warehouse");
        apply(new PaymentWarehousedEvent(uetr, payer, payee, amount, references, command.reason(), now()));
    }

    /** Rule: a warehoused payment is taken up as received on the day that opened. */
    @CommandHandler
    void handle(TakeUpWarehousedPaymentCommand command) {
        Objects.requireNonNull(command.date(), "date");
        if (status != PaymentStatus.WAREHOUSED) {
            if (status == PaymentStatus.CANCELLED || status == PaymentStatus.REJECTED) {
                throw new IllegalStateException("cannot take up payment " + uetr + ": it is " + status);
            }
            // Taken up already: a redelivery.
            return;
        }
        apply(new PaymentTakenUpEvent(uetr, command.date(), now()));
    }

    /** Rule: the payer cancels a warehoused payment only while it is warehoused. */
    @CommandHandler
    void handle(CancelWarehousedPaymentCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status == PaymentStatus.CANCELLED) {
            return;
        }
        requireStatus(PaymentStatus.WAREHOUSED, "cancel as warehoused");
        apply(new PaymentCancelledEvent(uetr, payer, payee, amount, references, command.reason(), now()));
    }

    @CommandHandler
    void handle(MarkPaymentSettlingCommand command) {
        if (status == PaymentStatus.SETTLING) {
            return;
        }
        if (status != PaymentStatus.QUEUED) {
            // A queued payment released by its payer's account settles like one covered at once.
            requireStatus(PaymentStatus.RECEIVED, "mark as settling");
        }
        apply(new PaymentSettlingEvent(uetr, payer, payee, amount, now()));
    }

    @CommandHandler
    void handle(SettlePaymentCommand command) {
        Objects.requireNonNull(command.ledgerTransactionId(), "ledgerTransactionId");
        if (status == PaymentStatus.SETTLED || status == PaymentStatus.RETURNED) {
            if (!ledgerTransactionId.equals(command.ledgerTransactionId())) {
                throw new IllegalStateException("payment " + uetr + " settled in ledger transaction "
                        + ledgerTransactionId + ", not in " + command.ledgerTransactionId());
            }
            return;
        }
        requireStatus(PaymentStatus.SETTLING, "settle");
        apply(new PaymentSettledEvent(uetr, payer, payee, amount, references, command.ledgerTransactionId(), now()));
    }

    /** A queued payment settled with others by a gridlock run; it never passed through SETTLING alone. */
    @CommandHandler
    void handle(SettleInGridlockCommand command) {
        if (status == PaymentStatus.SETTLED || status == PaymentStatus.RETURNED) {
            if (!ledgerTransactionId.equals(command.ledgerTransactionId())) {
                throw new IllegalStateException("payment " + uetr + " settled in ledger transaction "
                        + ledgerTransactionId + ", not in " + command.ledgerTransactionId());
            }
            return;
        }
        requireStatus(PaymentStatus.QUEUED, "settle in gridlock run " + command.runId());
        apply(new PaymentSettledEvent(uetr, payer, payee, amount, references, command.ledgerTransactionId(), now(),
                command.runId()));
    }

    /** Only the payee returns, only a settled payment, and never more than was paid. */
    @CommandHandler
    SubmitPaymentOutcome handle(ReturnPaymentCommand command) {
        String earlier = returnDigests.get(command.returnUetr());
        if (earlier != null) {
            return earlier.equals(command.contentDigest())
                    ? SubmitPaymentOutcome.REPEATED
                    : SubmitPaymentOutcome.DUPLICATE;
        }
        if (status != PaymentStatus.SETTLED) {
            throw new IllegalStateException("payment " + uetr + " is " + status
                    + "; only a settled payment is returned");
        }
        if (!command.returner().equals(payee)) {
            throw new IllegalArgumentException("only the payee " + payee + " returns payment " + uetr + ", not "
                    + command.returner());
        }
        if (!command.amount().currency().equals(amount.currency()) || command.amount().minorUnits() <= 0) {
            throw new IllegalArgumentException("a return of payment " + uetr + " is a positive amount in "
                    + amount.currency() + ", not " + command.amount());
        }
        long returnable = amount.minorUnits() - returnedMinorUnits - inFlight();
        if (command.amount().minorUnits() > returnable) {
            throw new IllegalArgumentException("a return of " + command.amount().minorUnits() + " exceeds the "
                    + returnable + " (minor units) of payment " + uetr + " left to return");
        }
        apply(new PaymentReturnRequestedEvent(uetr, command.returnUetr(), payee, payer, command.amount(),
                command.returnReason(), command.references(), command.contentDigest(), now()));
        return SubmitPaymentOutcome.ACCEPTED;
    }

    @CommandHandler
    void handle(CompleteReturnCommand command) {
        Money returning = returnsInFlight.get(command.returnUetr());
        if (returning == null) {
            // Completed or failed already; a redelivery.
            return;
        }
        boolean inFull = returnedMinorUnits + returning.minorUnits() == amount.minorUnits();
        apply(new PaymentReturnedEvent(uetr, command.returnUetr(), returning, inFull, command.ledgerTransactionId(),
                now()));
    }

    @CommandHandler
    void handle(FailReturnCommand command) {
        Money returning = returnsInFlight.get(command.returnUetr());
        if (returning == null) {
            return;
        }
        apply(new PaymentReturnFailedEvent(uetr, command.returnUetr(), returning, command.reason(), now()));
    }

    private long inFlight() {
        long total = 0;
        for (Money returning : returnsInFlight.values()) {
            total = Math.addExact(total, returning.minorUnits());
        }
        return total;
    }

    @CommandHandler
    void handle(RejectPaymentCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status == PaymentStatus.REJECTED || status == PaymentStatus.CANCELLED) {
            return;
        }
        if (status == PaymentStatus.SETTLED || status == PaymentStatus.RETURNED) {
            // Settlement on the ledger is final: a later refusal means two parts of the system disagree.
            throw new IllegalStateException("payment " + uetr + " is settled and cannot be rejected: "
                    + command.reason());
        }
        apply(rejection(command.reason(), now()));
    }

    private PaymentRejectedEvent rejection(Reason reason, Instant at) {
        return new PaymentRejectedEvent(uetr, payer, payee, amount, references, reason, at);
    }

    private void requireStatus(PaymentStatus expected, String step) {
        if (status != expected) {
            throw new IllegalStateException(
                    "cannot " + step + " payment " + uetr + ": it is " + status + ", not " + expected);
        }
    }

    private static Instant now() {
        // Axon's event clock: the same clock that stamps the event messages, fixed in fixtures.
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(PaymentReceivedEvent event) {
        uetr = event.uetr();
        payer = event.payer();
        payee = event.payee();
        amount = event.amount();
        references = event.references();
        contentDigest = event.contentDigest();
        priority = event.priority();
        status = PaymentStatus.RECEIVED;
    }

    @EventSourcingHandler
    void on(PaymentQueuedEvent event) {
        status = PaymentStatus.QUEUED;
    }

    @EventSourcingHandler
    void on(PaymentWarehousedEvent event) {
        status = PaymentStatus.WAREHOUSED;
    }

    @EventSourcingHandler
    void on(PaymentTakenUpEvent event) {
        status = PaymentStatus.RECEIVED;
    }

    @EventSourcingHandler
    void on(PaymentCancelledEvent event) {
        status = PaymentStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(PaymentSettlingEvent event) {
        status = PaymentStatus.SETTLING;
    }

    @EventSourcingHandler
    void on(PaymentSettledEvent event) {
        status = PaymentStatus.SETTLED;
        ledgerTransactionId = event.ledgerTransactionId();
    }

    @EventSourcingHandler
    void on(PaymentReturnRequestedEvent event) {
        returnDigests.put(event.returnUetr(), event.contentDigest());
        returnsInFlight.put(event.returnUetr(), event.amount());
    }

    @EventSourcingHandler
    void on(PaymentReturnedEvent event) {
        returnsInFlight.remove(event.returnUetr());
        returnedMinorUnits = Math.addExact(returnedMinorUnits, event.amount().minorUnits());
        if (event.inFull()) {
            status = PaymentStatus.RETURNED;
        }
    }

    @EventSourcingHandler
    void on(PaymentReturnFailedEvent event) {
        returnsInFlight.remove(event.returnUetr());
    }

    @EventSourcingHandler
    void on(PaymentRejectedEvent event) {
        status = PaymentStatus.REJECTED;
    }
}
