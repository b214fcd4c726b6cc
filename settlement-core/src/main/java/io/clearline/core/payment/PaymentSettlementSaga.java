package io.clearline.core.payment;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.LedgerAttempts;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationRefusedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import io.clearline.core.businessday.api.WarehousePaymentForNextDayCommand;
import io.clearline.core.businessday.api.WarehousedPaymentTakenUpEvent;
import io.clearline.core.businessday.api.WithdrawWarehousedPaymentCommand;
import io.clearline.core.participant.api.ParticipantNotActiveException;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.MarkPaymentSettlingCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.QueuePaymentCommand;
import io.clearline.core.payment.api.RejectPaymentCommand;
import io.clearline.core.payment.api.SettlePaymentCommand;
import io.clearline.core.payment.api.TakeUpWarehousedPaymentCommand;
import io.clearline.core.payment.api.WarehousePaymentCommand;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Settles one payment: checks the business day takes it (else TM01, or, when the network warehouses late
 * payments, it waits for the next day and is checked again when that day opens), checks both banks are
 * admitted (payer DNOR, payee CNOR), reserves the payer's liquidity or has the payment queued on the
 * payer's account until the account releases it (AM04 only when the queue is full), hands the payment to the ledger, and moves the accounts once the
 * ledger has settled it. The only place a payment reaches the {@link LedgerPort}.
 *
 * <p>State changes only in event handlers; the callbacks of commands and ledger calls only send
 * commands, whose events come back here. Needs two resources injected into its transient fields:
 * a {@link CommandGateway} and a {@link LedgerPort}.
 */
@ProcessingGroup(ProcessingGroups.PAYMENT_SETTLEMENT_SAGA)
public class PaymentSettlementSaga {

    private static final System.Logger LOG = System.getLogger(PaymentSettlementSaga.class.getName());

    /** Calls to the ledger for one payment before it is rejected with NARR (refusals are not retried). */
    public static final int LEDGER_ATTEMPTS_MAX = 3;

    private Uetr uetr;
    private Bic payer;
    private Bic payee;
    private Money amount;
    private PaymentPriority priority;
    /** Which cut-off applies: the customer one to pacs.008, the interbank one to the rest. */
    private boolean customerPayment;
    private boolean liquidityReserved;
    private boolean queued;
    /** Kept by the business day for the next one: a cancellation gives back its place there. */
    private boolean warehoused;

    @Inject
    private transient CommandGateway commandGateway;
    @Inject
    private transient LedgerPort ledgerPort;

    @StartSaga
    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentReceivedEvent event) {
        if (event.amount().isZero()) {
            // The instruction rejected itself with AM01 in the same command: nothing to settle.
            SagaLifecycle.end();
            return;
        }
        uetr = event.uetr();
        payer = event.payer();
        payee = event.payee();
        amount = event.amount();
        priority = event.priority();
        customerPayment = event.references().customerPayment();
        verifyDayAndParticipantsThenReserve();
    }

    private void verifyDayAndParticipantsThenReserve() {
        admitThenReserve(commandGateway, admission());
    }

    /** What the callbacks need to take the payment through the day's check, the participants and the reserve. */
    private record Admission(Uetr payment, Bic payer, Bic payee, boolean customerPayment,
                             ReserveLiquidityCommand reserve) {
    }

    private Admission admission() {
        return new Admission(uetr, payer, payee, customerPayment, new ReserveLiquidityCommand(
                new LiquidityAccountId(payer, amount.currency()), uetr, amount, priority, payee));
    }

    private static void admitThenReserve(CommandGateway gateway, Admission admission) {
        Uetr payment = admission.payment();
        Runnable participantsThenReserve = () -> verifyParticipantsThen(gateway, payment, admission.payer(),
                admission.payee(), () -> sendOrReject(gateway, payment, admission.reserve(), "reserve liquidity"));
        gateway.send(new VerifyAcceptingPaymentsCommand(admission.customerPayment()))
                .whenComplete((accepting, dayFailure) -> {
                    Throwable dayCause = dayFailure == null ? null : LedgerAttempts.unwrap(dayFailure);
                    if (dayCause instanceof PaymentsNotAcceptedException closed && closed.mayBeWarehoused()) {
                        warehouseOrGoOn(gateway, admission, participantsThenReserve);
                        return;
                    }
                    if (dayCause instanceof PaymentsNotAcceptedException closed) {
                        reject(gateway, payment, Reason.of(ReasonCode.TM01, closed.getMessage()));
                        return;
                    }
                    if (dayCause != null && !(dayCause instanceof AggregateNotFoundException)) {
                        // A network that never opened a business day runs without one; anything else is a fault.
                        reject(gateway, payment, Reason.of(ReasonCode.NARR, "could not check the business day: "
                                + dayCause.getMessage()));
                        return;
                    }
                    participantsThenReserve.run();
                });
    }

    /**
     * Kept by the business day, the payment waits for its {@link PaymentWarehousedForNextDayEvent}; taken by it
     * after all (the day opened meanwhile), it goes on; refused (the warehouse is full), it is rejected.
     */
    private static void warehouseOrGoOn(CommandGateway gateway, Admission admission, Runnable goOn) {
        Uetr payment = admission.payment();
        gateway.<Boolean>send(new WarehousePaymentForNextDayCommand(payment, admission.payer(),
                admission.customerPayment())).whenComplete((kept, failure) -> {
                    Throwable cause = failure == null ? null : LedgerAttempts.unwrap(failure);
                    if (cause instanceof PaymentsNotAcceptedException refused) {
                        reject(gateway, payment, Reason.of(ReasonCode.TM01, refused.getMessage()));
                    } else if (cause != null) {
                        reject(gateway, payment, Reason.of(ReasonCode.NARR, "could not warehouse the payment for"
                                + " the next business day: " + cause.getMessage()));
                    } else if (!Boolean.TRUE.equals(kept)) {
                        goOn.run();
                    }
                });
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentWarehousedForNextDayEvent event) {
        warehoused = true;
        sendOrReject(commandGateway, uetr, new WarehousePaymentCommand(uetr, event.reason()),
                "record the payment as warehoused");
    }

    /** Taken up on the new day, the payment goes the way a new one goes: the day's check first, then the rest. */
    @SagaEventHandler(associationProperty = "uetr")
    void on(WarehousedPaymentTakenUpEvent event) {
        warehoused = false;
        CommandGateway gateway = commandGateway;
        Admission admission = admission();
        gateway.send(new TakeUpWarehousedPaymentCommand(uetr, event.date())).whenComplete((ignored, failure) -> {
            if (failure != null) {
                // Cancelled by its payer as the day opened: its cancellation ends this saga.
                logIfFailed(failure, admission.payment(), "take up on " + event.date());
                return;
            }
            admitThenReserve(gateway, admission);
        });
    }

    private static Reason participantRefusal(Throwable failure, ReasonCode code, String role, Bic bic) {
        Throwable cause = LedgerAttempts.unwrap(failure);
        if (cause instanceof AggregateNotFoundException) {
            return Reason.of(code, "the " + role + " " + bic + " is not an admitted participant");
        }
        if (cause instanceof ParticipantNotActiveException notActive) {
            return Reason.of(code, "the " + role + " " + notActive.getMessage());
        }
        return Reason.of(ReasonCode.NARR, "could not verify the " + role + " " + bic + ": " + cause.getMessage());
    }

    /**
     * Reserved at once, the participants were checked a moment ago, on arrival. Reserved out of the
     * queue, the payment may have waited while its payer or payee was suspended: both are checked again,
     * and a payment to or from a participant no longer active is rejected (DNOR, CNOR) rather than
     * settled into it.
     */
    @SagaEventHandler(associationProperty = "uetr")
    void on(LiquidityReservedEvent event) {
        boolean fromTheQueue = queued;
        liquidityReserved = true;
        queued = false;
        if (!fromTheQueue) {
            sendOrReject(commandGateway, uetr, new MarkPaymentSettlingCommand(uetr), "mark the payment as settling");
            return;
        }
        CommandGateway gateway = commandGateway;
        Uetr payment = uetr;
        Bic payerBic = payer;
        Bic payeeBic = payee;
        verifyParticipantsThen(gateway, payment, payerBic, payeeBic, () -> sendOrReject(gateway, payment,
                new MarkPaymentSettlingCommand(payment), "mark the payment as settling"));
    }

    /** Payer, then payee, each still an active participant; otherwise the payment is rejected (DNOR, CNOR). */
    private static void verifyParticipantsThen(CommandGateway gateway, Uetr payment, Bic payerBic, Bic payeeBic,
                                               Runnable next) {
        gateway.send(new VerifyParticipantAdmittedCommand(payerBic)).whenComplete((ignored, payerFailure) -> {
            if (payerFailure != null) {
                reject(gateway, payment, participantRefusal(payerFailure, ReasonCode.DNOR, "payer", payerBic));
                return;
            }
            gateway.send(new VerifyParticipantAdmittedCommand(payeeBic)).whenComplete((unused, payeeFailure) -> {
                if (payeeFailure != null) {
                    reject(gateway, payment, participantRefusal(payeeFailure, ReasonCode.CNOR, "payee", payeeBic));
                    return;
                }
                next.run();
            });
        });
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(LiquidityReservationRefusedEvent event) {
        reject(commandGateway, uetr, event.reason());
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(LiquidityReservationQueuedEvent event) {
        queued = true;
        sendOrReject(commandGateway, uetr, new QueuePaymentCommand(uetr, event.reason()), "queue the payment");
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(QueuedPaymentCancelledEvent event) {
        queued = false;
        Uetr payment = uetr;
        commandGateway.send(new CancelPaymentCommand(payment, event.reason()))
                .whenComplete((ignored, failure) -> logIfFailed(failure, payment, "cancel"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentCancelledEvent event) {
        // Cancelled by its payer's account, which had reserved nothing for it: nothing to give back there;
        // cancelled while warehoused, it gives back its place in the warehouse.
        withdrawIfWarehoused();
    }

    private void withdrawIfWarehoused() {
        if (warehoused) {
            Uetr payment = uetr;
            commandGateway.send(new WithdrawWarehousedPaymentCommand(payment))
                    .whenComplete((ignored, failure) -> logIfFailed(failure, payment, "withdraw from the warehouse"));
        }
    }

    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentSettlingEvent event) {
        CommandGateway gateway = commandGateway;
        LedgerPort ledger = ledgerPort;
        Uetr payment = uetr;
        PaymentSettlementRequest request = new PaymentSettlementRequest(uetr, payer, payee, amount);
        LedgerAttempts.call(() -> ledger.settlePayment(request), LEDGER_ATTEMPTS_MAX)
                .whenComplete((receipt, failure) -> {
                    if (failure == null) {
                        gateway.send(new SettlePaymentCommand(payment, receipt.transactionId()))
                                .whenComplete((ignored, settleFailure) -> logIfFailed(
                                        settleFailure, payment, "record the settlement " + receipt.transactionId()));
                        return;
                    }
                    Throwable cause = LedgerAttempts.unwrap(failure);
                    Reason reason = cause instanceof LedgerRefusedException refused
                            ? refused.reason()
                            : Reason.of(ReasonCode.NARR, "settlement on the ledger failed: " + cause.getMessage());
                    reject(gateway, payment, reason);
                });
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentSettledEvent event) {
        if (event.gridlockRunId() != null) {
            // Settled with others: the run moved each account by its net, in one step per account.
            return;
        }
        // Both movements are keyed by UETR in the accounts, so a redelivery cannot move money twice.
        commandGateway.send(new DebitReservationCommand(new LiquidityAccountId(payer, amount.currency()), uetr))
                .whenComplete((ignored, failure) -> logIfFailed(failure, event.uetr(), "debit the payer"));
        commandGateway.send(new CreditIncomingPaymentCommand(
                        new LiquidityAccountId(payee, amount.currency()), uetr, amount, payer))
                .whenComplete((ignored, failure) -> logIfFailed(failure, event.uetr(), "credit the payee"));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "uetr")
    void on(PaymentRejectedEvent event) {
        withdrawIfWarehoused();
        // A queued payment gives back its place in the queue; the account decides which it holds.
        if (liquidityReserved || queued) {
            commandGateway.send(new ReleaseReservationCommand(new LiquidityAccountId(payer, amount.currency()), uetr))
                    .whenComplete((ignored, failure) -> logIfFailed(failure, event.uetr(), "release the reservation"));
        }
    }

    private static void sendOrReject(CommandGateway gateway, Uetr payment, Object command, String step) {
        CompletableFuture<Object> sent = gateway.send(command);
        sent.whenComplete((ignored, failure) -> {
            if (failure != null) {
                reject(gateway, payment, Reason.of(ReasonCode.NARR,
                        "could not " + step + ": " + LedgerAttempts.unwrap(failure).getMessage()));
            }
        });
    }

    private static void reject(CommandGateway gateway, Uetr payment, Reason reason) {
        gateway.send(new RejectPaymentCommand(payment, reason))
                .whenComplete((ignored, failure) -> logIfFailed(failure, payment, "reject with " + reason.code()));
    }

    private static void logIfFailed(Throwable failure, Uetr payment, String step) {
        if (failure != null) {
            // Left for operations: the payment stays in its current status until someone acts.
            LOG.log(System.Logger.Level.ERROR, "payment " + payment + ": could not " + step, failure);
        }
    }
}
