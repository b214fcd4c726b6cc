package io.clearline.core.payment.api;

import java.util.List;

/** One page of a payment search; {@code hasMore} says whether the next page holds anything. */
public record PaymentsPage(List<PaymentView> payments, int page, boolean hasMore) {
    public PaymentsPage {
        payments = List.copyOf(payments);
    }
}
