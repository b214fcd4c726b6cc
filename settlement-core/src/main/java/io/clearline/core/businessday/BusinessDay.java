package io.clearline.core.businessday;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.businessday.api.AfterCutOffHandling;
import io.clearline.core.businessday.api.AfterCutOffHandlingSetEvent;
import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayCustomerCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayCutOffEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.BusinessDayPhase;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand;
import io.clearline.core.businessday.api.NetworkRegisteredEvent;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.RegisterNetworkCommand;
import io.clearline.core.businessday.api.BusinessDays;
import io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The network's business day: OPEN → CUSTOMER_CUT_OFF → CUT_OFF → CLOSED (the customer cut-off may be
 * passed together with the interbank one), then the next date opens. Dates only move
 * forward, so a day closed is never reopened and its records stay those of that day.
 *
 * <p>A payment the day does not take (past the cut-off that applies to it, or after the close) is refused
 * with TM01, or, when the network's {@link AfterCutOffHandling} is WAREHOUSE, kept in this aggregate's
 * warehouse and taken up in arrival order once the next day opens. Before any day has opened, every
 * payment is taken: there is no cut-off yet to be late for.
 */
public class BusinessDay {
    @AggregateIdentifier
    private String network;
    private LocalDate date;
    private BusinessDayPhase phase;
    private AfterCutOffHandling handling = AfterCutOffHandling.REJECT;
    /** Warehoused payments in arrival order; at most {@link BusinessDays#WAREHOUSED_PAYMENTS_MAX}. */
    private final Set<Uetr> warehouse = new LinkedHashSet<>();

    protected BusinessDay() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RegisterNetworkCommand command) {
        if (network == null) {
            apply(new NetworkRegisteredEvent(command.network(), now()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(OpenBusinessDayCommand command) {
        if (phase == BusinessDayPhase.OPEN && command.date().equals(date)) {
            return;
        }
        if (phase != null && phase != BusinessDayPhase.CLOSED) {
            throw new IllegalStateException("business day " + date + " is " + phase + "; close it before opening "
                    + command.date());
        }
        if (date != null && !command.date().isAfter(date)) {
            throw new IllegalArgumentException("business day " + command.date() + " is not after " + date
                    + ", the last one");
        }
        apply(new BusinessDayOpenedEvent(command.network(), command.date(), now()));
    }

    @CommandHandler
    void handle(CutOffCustomerPaymentsCommand command) {
        if (phase == BusinessDayPhase.CUSTOMER_CUT_OFF || phase == BusinessDayPhase.CUT_OFF) {
            return;
        }
        require(BusinessDayPhase.OPEN, "pass the customer cut-off of");
        apply(new BusinessDayCustomerCutOffEvent(network, date, now()));
    }

    /** The interbank cut-off; from OPEN it passes the customer cut-off with it. */
    @CommandHandler
    void handle(CutOffBusinessDayCommand command) {
        if (phase == BusinessDayPhase.CUT_OFF) {
            return;
        }
        if (phase != BusinessDayPhase.CUSTOMER_CUT_OFF) {
            require(BusinessDayPhase.OPEN, "cut off");
        }
        apply(new BusinessDayCutOffEvent(network, date, now()));
    }

    @CommandHandler
    void handle(CloseBusinessDayCommand command) {
        if (phase == BusinessDayPhase.CLOSED) {
            return;
        }
        require(BusinessDayPhase.CUT_OFF, "close");
        apply(new BusinessDayClosedEvent(network, date, now()));
    }

    @CommandHandler
    void handle(VerifyAcceptingPaymentsCommand command) {
        String refusal = refusal(command.customerPayment());
        if (refusal != null) {
            throw handling == AfterCutOffHandling.WAREHOUSE
                    ? new PaymentsNotAcceptedException(refusal, true)
                    : new PaymentsNotAcceptedException(refusal + adviceOnRejection());
        }
    }

    @CommandHandler
    void handle(SetAfterCutOffHandlingCommand command) {
        if (command.handling() != handling) {
            apply(new AfterCutOffHandlingSetEvent(network, command.handling(), now()));
        }
    }

    /** Rule: a payment the day does not take is warehoused, in arrival order, while the warehouse has room. */
    @CommandHandler
    boolean handle(WarehousePaymentForNextDayCommand command) {
        if (warehouse.contains(command.uetr())) {
            return true;
        }
        String refusal = refusal(command.customerPayment());
        if (refusal == null) {
            return false;
        }
        if (handling != AfterCutOffHandling.WAREHOUSE) {
            throw new PaymentsNotAcceptedException(refusal + adviceOnRejection());
        }
        if (warehouse.size() >= BusinessDays.WAREHOUSED_PAYMENTS_MAX) {
            throw new PaymentsNotAcceptedException(refusal + ", and " + BusinessDays.WAREHOUSED_PAYMENTS_MAX
                    + " payments, the most it keeps, already wait for the next business day; send the payment"
                    + " once it opens");
        }
        apply(new PaymentWarehousedForNextDayEvent(network, command.uetr(), command.payer(), date,
                Reason.of(ReasonCode.TM01, refusal + "; warehoused until the next business day opens"), now()));
        return true;
    }

    /** Rule: the day open now takes up every warehoused payment, in the order they were warehoused. */
    @CommandHandler
    void handle(TakeUpWarehousedPaymentsCommand command) {
        if (phase != BusinessDayPhase.OPEN || !command.date().equals(date)) {
            // Too late for this day (or not its day): they wait for the next open.
            return;
        }
        for (Uetr uetr : List.copyOf(warehouse)) {
            apply(new WarehousedPaymentTakenUpEvent(network, uetr, date, now()));
        }
    }

    @CommandHandler
    void handle(WithdrawWarehousedPaymentCommand command) {
        if (warehouse.contains(command.uetr())) {
            apply(new WarehousedPaymentWithdrawnEvent(network, command.uetr(), now()));
        }
    }

    /**
     * Why the day does not take such a payment now, or null when it does. A network registered but never
     * opened a day runs without one, and takes every payment. Between the open and the take-up (a moment,
     * while the accounts start the day) a new payment waits behind those warehoused earlier, so that no payer's
     * new payment overtakes its own warehoused ones. Past the customer cut-off an interbank payment does not
     * wait behind warehoused customer payments: the cut-offs differ by design.
     */
    private String refusal(boolean customerPayment) {
        if (phase == BusinessDayPhase.OPEN && handling == AfterCutOffHandling.WAREHOUSE && !warehouse.isEmpty()) {
            return "payments warehoused before it for business day " + date + " are not yet taken up";
        }
        if (phase == null || phase == BusinessDayPhase.OPEN
                || phase == BusinessDayPhase.CUSTOMER_CUT_OFF && !customerPayment) {
            return null;
        }
        return switch (phase) {
            case CUSTOMER_CUT_OFF -> "business day " + date + " is past its customer cut-off";
            case CUT_OFF -> "business day " + date + " is past its cut-off";
            default -> "business day " + date + " is closed";
        };
    }

    private String adviceOnRejection() {
        return switch (phase) {
            case CUSTOMER_CUT_OFF -> "; send the customer payment on the next business day (interbank payments are"
                    + " taken until the cut-off)";
            case CUT_OFF -> "; send the payment on the next business day";
            default -> "; send the payment once the next business day opens";
        };
    }

    private void require(BusinessDayPhase expected, String step) {
        if (phase != expected) {
            throw new IllegalStateException("cannot " + step + " business day " + date + ": it is " + phase);
        }
    }

    private static java.time.Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(NetworkRegisteredEvent event) {
        network = event.network();
    }

    @EventSourcingHandler
    void on(BusinessDayOpenedEvent event) {
        network = event.network();
        date = event.date();
        phase = BusinessDayPhase.OPEN;
    }

    @EventSourcingHandler
    void on(BusinessDayCustomerCutOffEvent event) {
        phase = BusinessDayPhase.CUSTOMER_CUT_OFF;
    }

    @EventSourcingHandler
    void on(BusinessDayCutOffEvent event) {
        phase = BusinessDayPhase.CUT_OFF;
    }

    @EventSourcingHandler
    void on(BusinessDayClosedEvent event) {
        phase = BusinessDayPhase.CLOSED;
    }

    @EventSourcingHandler
    void on(AfterCutOffHandlingSetEvent event) {
        handling = event.handling();
    }

    @EventSourcingHandler
    void on(PaymentWarehousedForNextDayEvent event) {
        warehouse.add(event.uetr());
    }

    @EventSourcingHandler
    void on(WarehousedPaymentTakenUpEvent event) {
        warehouse.remove(event.uetr());
    }

    @EventSourcingHandler
    void on(WarehousedPaymentWithdrawnEvent event) {
        warehouse.remove(event.uetr());
    }
}
