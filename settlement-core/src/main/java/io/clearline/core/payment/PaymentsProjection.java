package io.clearline.core.payment;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentHistoryEntry;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentReturnFailedEvent;
import io.clearline.core.payment.api.PaymentReturnRequestedEvent;
import io.clearline.core.payment.api.PaymentReturnedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Payments as the read side knows them, in memory, rebuilt from the event store at each start.
 * Every payment event comes from its PaymentInstruction aggregate, so an event whose sequence
 * number is not beyond the last one applied is a redelivery and is skipped.
 */
@ProcessingGroup(ProcessingGroups.PAYMENTS_PROJECTION)
public class PaymentsProjection {

    private record Entry(PaymentView view, long lastSequenceNumber) {
    }

    private final Map<Uetr, Entry> payments = new ConcurrentHashMap<>();

    @EventHandler
    void on(PaymentReceivedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        payments.computeIfAbsent(event.uetr(), uetr -> new Entry(new PaymentView(uetr, event.payer(), event.payee(),
                event.amount(), PaymentStatus.RECEIVED, null, null,
                List.of(new PaymentHistoryEntry(at, PaymentStatus.RECEIVED, "received from " + event.payer()))),
                sequenceNumber));
    }

    @EventHandler
    void on(PaymentQueuedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.QUEUED, event.reason(), null,
                "queued at priority " + event.priority() + ": " + event.reason().code() + ": "
                        + event.reason().explanation());
    }

    @EventHandler
    void on(PaymentCancelledEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.CANCELLED, event.reason(), null,
                "cancelled: " + event.reason().code() + ": " + event.reason().explanation());
    }

    @EventHandler
    void on(PaymentSettlingEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.SETTLING, null, null, "liquidity reserved; settling");
    }

    @EventHandler
    void on(PaymentSettledEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.SETTLED, null, event.ledgerTransactionId(),
                "settled in ledger transaction " + event.ledgerTransactionId());
    }

    @EventHandler
    void on(PaymentReturnRequestedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        note(event.originalUetr(), sequenceNumber, at, "return " + event.returnUetr() + " of " + event.amount()
                + " requested by " + event.returner() + ": " + event.returnReason());
    }

    @EventHandler
    void on(PaymentReturnedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        String detail = "returned " + event.amount() + " in " + event.returnUetr() + " (ledger transaction "
                + event.ledgerTransactionId() + ")";
        if (event.inFull()) {
            advance(event.originalUetr(), sequenceNumber, at, PaymentStatus.RETURNED, null, null, detail);
        } else {
            note(event.originalUetr(), sequenceNumber, at, detail);
        }
    }

    @EventHandler
    void on(PaymentReturnFailedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        note(event.originalUetr(), sequenceNumber, at, "return " + event.returnUetr() + " failed: "
                + event.reason().code() + ": " + event.reason().explanation());
    }

    /** A history entry that leaves status, reason and ledger transaction as they are. */
    private void note(Uetr uetr, long sequenceNumber, Instant at, String detail) {
        PaymentView current = Optional.ofNullable(payments.get(uetr)).map(Entry::view).orElse(null);
        if (current != null) {
            advance(uetr, sequenceNumber, at, current.status(), current.reason(), null, detail);
        }
    }

    @EventHandler
    void on(PaymentRejectedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.REJECTED, event.reason(), null,
                event.reason().code() + ": " + event.reason().explanation());
    }

    private void advance(Uetr uetr, long sequenceNumber, Instant at, PaymentStatus status, Reason reason,
                         String ledgerTransactionId, String detail) {
        payments.computeIfPresent(uetr, (key, entry) -> {
            if (sequenceNumber <= entry.lastSequenceNumber()) {
                return entry;
            }
            PaymentView old = entry.view();
            List<PaymentHistoryEntry> history = new ArrayList<>(old.history());
            history.add(new PaymentHistoryEntry(at, status, detail));
            return new Entry(new PaymentView(old.uetr(), old.payer(), old.payee(), old.amount(), status,
                    // The reason explains the current status only: a queued payment that settles loses it.
                    reason,
                    ledgerTransactionId != null ? ledgerTransactionId : old.ledgerTransactionId(),
                    List.copyOf(history)), sequenceNumber);
        });
    }

    @QueryHandler
    Optional<PaymentView> handle(FindPaymentQuery query) {
        return Optional.ofNullable(payments.get(query.uetr())).map(Entry::view);
    }

    @ResetHandler
    void reset() {
        payments.clear();
    }
}
