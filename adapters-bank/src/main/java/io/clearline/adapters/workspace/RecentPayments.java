package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import io.clearline.core.payment.api.PaymentSettledEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The last settled payments of each bank, newest first, in memory: rebuilt by replaying the event
 * store at every start, like the projection it rides with ({@link PositionChangeListener}). Only the
 * newest {@link #PER_BANK_MAX} are kept per bank; the workspace shows recent activity, not a search.
 */
@Component
class RecentPayments {
    static final int PER_BANK_MAX = 10;

    private final Map<Bic, Deque<PaymentSettledEvent>> byBank = new ConcurrentHashMap<>();

    void record(PaymentSettledEvent settled) {
        remember(settled.payer(), settled);
        remember(settled.payee(), settled);
    }

    List<PaymentSettledEvent> of(Bic bic) {
        Deque<PaymentSettledEvent> payments = byBank.get(bic);
        if (payments == null) {
            return List.of();
        }
        synchronized (payments) {
            return new ArrayList<>(payments);
        }
    }

    void clear() {
        byBank.clear();
    }

    private void remember(Bic bic, PaymentSettledEvent settled) {
        Deque<PaymentSettledEvent> payments = byBank.computeIfAbsent(bic, key -> new ArrayDeque<>(PER_BANK_MAX + 1));
        synchronized (payments) {
            // A redelivered event must not show twice.
            if (payments.stream().anyMatch(known -> known.uetr().equals(settled.uetr()))) {
                return;
            }
            payments.addFirst(settled);
            while (payments.size() > PER_BANK_MAX) {
                payments.removeLast();
            }
        }
    }
}
