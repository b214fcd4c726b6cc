package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.payment.api.PaymentsPage;
import io.clearline.core.payment.api.SearchPaymentsQuery;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Searching payments: newest first, per bank, by status and time, a page at a time. */
class PaymentsSearchTest {
    private static final Instant NINE = Instant.parse("2026-11-24T09:00:00Z");
    private final PaymentsProjection projection = new PaymentsProjection();

    private static Uetr uetr(int number) {
        return Uetr.of(String.format("6f1d8c52-8a4b-4c6e-9f7a-%012d", number));
    }

    /** Payment n is received n minutes after nine, from A to B when n is even, from C to A when odd. */
    private void receive(int count) {
        for (int n = 0; n < count; n++) {
            Bic payer = n % 2 == 0 ? BANK_A : BANK_C;
            Bic payee = n % 2 == 0 ? BANK_B : BANK_A;
            Instant at = NINE.plusSeconds(60L * n);
            projection.on(new PaymentReceivedEvent(uetr(n), payer, payee, euros(100 + n), REFERENCES, "d" + n, at),
                    0, at);
        }
    }

    private List<Uetr> uetrs(PaymentsPage page) {
        return page.payments().stream().map(PaymentView::uetr).toList();
    }

    @Test
    void aBankFindsThePaymentsItPaysOrReceivesNewestFirstAPageAtATime() {
        receive(6);

        PaymentsPage first = projection.handle(new SearchPaymentsQuery(BANK_B, null, null, null, 0, 2));
        assertThat(uetrs(first)).containsExactly(uetr(4), uetr(2));
        assertThat(first.hasMore()).isTrue();
        PaymentsPage second = projection.handle(new SearchPaymentsQuery(BANK_B, null, null, null, 1, 2));
        assertThat(uetrs(second)).containsExactly(uetr(0));
        assertThat(second.hasMore()).isFalse();
        assertThat(uetrs(projection.handle(new SearchPaymentsQuery(BANK_A, null, null, null, 0, 10)))).hasSize(6);
        assertThat(uetrs(projection.handle(new SearchPaymentsQuery(null, null, null, null, 0, 10)))).hasSize(6);
    }

    @Test
    void aSearchNarrowsByStatusAndByTheTimeReceivedFromInclusiveUntilExclusive() {
        receive(6);
        Instant rejectedAt = NINE.plusSeconds(600);
        projection.on(new PaymentRejectedEvent(uetr(3), BANK_C, BANK_A, euros(103), REFERENCES,
                Reason.of(ReasonCode.AM04, "short"), rejectedAt), 1, rejectedAt);

        assertThat(uetrs(projection.handle(new SearchPaymentsQuery(BANK_A, PaymentStatus.REJECTED, null, null, 0, 10))))
                .containsExactly(uetr(3));
        assertThat(uetrs(projection.handle(new SearchPaymentsQuery(null, null, NINE.plusSeconds(60),
                NINE.plusSeconds(240), 0, 10)))).containsExactly(uetr(3), uetr(2), uetr(1));
    }

    @Test
    void aPageIsBoundedAndTheWindowRunsForward() {
        assertThatThrownBy(() -> new SearchPaymentsQuery(null, null, null, null, 0, SearchPaymentsQuery.PAGE_SIZE_MAX + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SearchPaymentsQuery(null, null, NINE, NINE, 0, 10))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
