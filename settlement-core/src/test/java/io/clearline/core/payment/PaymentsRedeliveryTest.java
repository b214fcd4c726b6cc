package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A pooled processor redelivers a whole batch after a failure: a payment's history must not grow from it. */
class PaymentsRedeliveryTest {
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    @Test
    void aRedeliveredBatchAddsNothingToAPaymentsHistory() {
        PaymentsProjection projection = new PaymentsProjection();
        PaymentReceivedEvent received = new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES,
                "digest", AT);
        PaymentQueuedEvent queued = new PaymentQueuedEvent(UETR_1, BANK_A, BANK_B, euros(100), PaymentPriority.NORMAL,
                Reason.of(ReasonCode.AM04, "short"), AT);
        projection.on(received, 0, AT);
        projection.on(queued, 1, AT);
        PaymentView once = projection.handle(new FindPaymentQuery(UETR_1)).orElseThrow();

        projection.on(received, 0, AT);
        projection.on(queued, 1, AT);

        PaymentView again = projection.handle(new FindPaymentQuery(UETR_1)).orElseThrow();
        assertThat(again).isEqualTo(once);
        assertThat(again.status()).isEqualTo(PaymentStatus.QUEUED);
        assertThat(again.history()).hasSize(2);
    }
}
