package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import java.time.Instant;

/**
 * Payments newest first, one page at a time: those {@code bank} pays or receives (every payment when
 * null, for operator and regulator), optionally only in {@code status}, received in [{@code from},
 * {@code until}) when given. Answered with a {@link PaymentsPage}.
 */
public record SearchPaymentsQuery(Bic bank, PaymentStatus status, Instant from, Instant until, int page, int size) {
    /** The most payments one page holds: a search never answers with an unbounded list. */
    public static final int PAGE_SIZE_MAX = 500;

    public SearchPaymentsQuery {
        if (page < 0) {
            throw new IllegalArgumentException("page is 0 or more, not " + page);
        }
        if (size < 1 || size > PAGE_SIZE_MAX) {
            throw new IllegalArgumentException("size is 1 to " + PAGE_SIZE_MAX + ", not " + size);
        }
        if (from != null && until != null && !from.isBefore(until)) {
            throw new IllegalArgumentException("from " + from + " is not before until " + until);
        }
    }
}
