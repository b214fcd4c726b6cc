package io.clearline.core.payment;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.common.api.Bic;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentsPage;
import io.clearline.core.payment.api.SearchPaymentsQuery;
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
import io.clearline.core.payment.api.PaymentTakenUpEvent;
import io.clearline.core.payment.api.PaymentWarehousedEvent;
import io.clearline.core.payment.api.PaymentView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Comparator;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
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
    /** Newest first: by time received, then UETR, so that equal times keep one order. */
    private static final Comparator<Received> NEWEST_FIRST =
            Comparator.comparing(Received::at).reversed().thenComparing(received -> received.uetr().value());
    /** Every payment by time received, and per bank those it pays or receives: what a search walks. */
    private final NavigableSet<Received> byTime = new ConcurrentSkipListSet<>(NEWEST_FIRST);
    private final Map<Bic, NavigableSet<Received>> byBank = new ConcurrentHashMap<>();

    private record Received(Instant at, Uetr uetr) {
    }

    @EventHandler
    void on(PaymentReceivedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        payments.computeIfAbsent(event.uetr(), uetr -> new Entry(new PaymentView(uetr, event.payer(), event.payee(),
                event.amount(), PaymentStatus.RECEIVED, null, null,
                List.of(new PaymentHistoryEntry(at, PaymentStatus.RECEIVED, "received from " + event.payer()))),
                sequenceNumber));
        Received received = new Received(event.receivedAt(), event.uetr());
        byTime.add(received);
        byBank.computeIfAbsent(event.payer(), bank -> new ConcurrentSkipListSet<>(NEWEST_FIRST)).add(received);
        byBank.computeIfAbsent(event.payee(), bank -> new ConcurrentSkipListSet<>(NEWEST_FIRST)).add(received);
    }

    @EventHandler
    void on(PaymentQueuedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.QUEUED, event.reason(), null,
                "queued at priority " + event.priority() + ": " + event.reason().code() + ": "
                        + event.reason().explanation());
    }

    @EventHandler
    void on(PaymentWarehousedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.WAREHOUSED, event.reason(), null,
                "warehoused for the next business day: " + event.reason().code() + ": "
                        + event.reason().explanation());
    }

    @EventHandler
    void on(PaymentTakenUpEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        advance(event.uetr(), sequenceNumber, at, PaymentStatus.RECEIVED, null, null,
                "taken up from the warehouse on business day " + event.date());
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

    /**
     * Walks the bank's (or every) payment newest first, from {@code until}, skipping the pages before the
     * one asked for; each page costs its size plus what the earlier pages and a status filter skip.
     */
    @QueryHandler
    PaymentsPage handle(SearchPaymentsQuery query) {
        NavigableSet<Received> candidates = query.bank() == null ? byTime
                : byBank.getOrDefault(query.bank(), new ConcurrentSkipListSet<>(NEWEST_FIRST));
        if (query.until() != null) {
            // Strictly before until: the first entry at until's instant sorts ahead of everything earlier.
            candidates = candidates.tailSet(new Received(query.until(), Uetr.of(LAST_UETR)), false);
        }
        long skip = (long) query.page() * query.size();
        List<PaymentView> page = new ArrayList<>(query.size());
        boolean hasMore = false;
        for (Received received : candidates) {
            if (query.from() != null && received.at().isBefore(query.from())) {
                break;
            }
            Entry entry = payments.get(received.uetr());
            if (entry == null || (query.status() != null && entry.view().status() != query.status())) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            if (page.size() == query.size()) {
                hasMore = true;
                break;
            }
            page.add(entry.view());
        }
        return new PaymentsPage(page, query.page(), hasMore);
    }

    /** The greatest UETR in the search order, so that a bound at an instant excludes the whole instant. */
    private static final String LAST_UETR = "ffffffff-ffff-4fff-bfff-ffffffffffff";

    @ResetHandler
    void reset() {
        byTime.clear();
        byBank.clear();
        payments.clear();
    }
}
