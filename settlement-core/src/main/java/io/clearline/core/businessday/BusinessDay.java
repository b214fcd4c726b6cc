package io.clearline.core.businessday;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import java.time.LocalDate;
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
 */
public class BusinessDay {
    @AggregateIdentifier
    private String network;
    private LocalDate date;
    private BusinessDayPhase phase;

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
        // A network registered but never opened a day runs without one.
        if (phase == null || phase == BusinessDayPhase.OPEN
                || phase == BusinessDayPhase.CUSTOMER_CUT_OFF && !command.customerPayment()) {
            return;
        }
        throw new PaymentsNotAcceptedException(switch (phase) {
            case CUSTOMER_CUT_OFF -> "business day " + date + " is past its customer cut-off; send the customer"
                    + " payment on the next business day (interbank payments are taken until the cut-off)";
            case CUT_OFF -> "business day " + date + " is past its cut-off; send the payment on the next business day";
            default -> "business day " + date + " is closed; send the payment once the next business day opens";
        });
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
}
