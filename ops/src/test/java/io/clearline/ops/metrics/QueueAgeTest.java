package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A queue's age is how long its oldest payment that is not held has waited. */
class QueueAgeTest {
    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    private static final Bic DELTA = Bic.of("DELTEUDDXXX");

    @Test
    void ageIsTheWaitOfTheOldestPaymentThatIsNotHeld() {
        QueueView queue = queue(payment(NOW.minusSeconds(3_600), true), payment(NOW.minusSeconds(90), false),
                payment(NOW.minusSeconds(30), false));

        assertThat(QueueGauges.oldestWaitingSeconds(queue, NOW)).isEqualTo(90.0);
    }

    @Test
    void queueOfHeldPaymentsOnlyHasNoAge() {
        assertThat(QueueGauges.oldestWaitingSeconds(queue(payment(NOW.minusSeconds(3_600), true)), NOW)).isZero();
    }

    @Test
    void emptyQueueHasNoAge() {
        assertThat(QueueGauges.oldestWaitingSeconds(queue(), NOW)).isZero();
    }

    private static QueueView queue(QueuedPaymentView... payments) {
        return new QueueView(DELTA, List.of(payments), Set.of());
    }

    private static QueuedPaymentView payment(Instant queuedAt, boolean held) {
        return new QueuedPaymentView(Uetr.of(UUID.randomUUID().toString()), Money.of(1_000, "EUR"),
                PaymentPriority.NORMAL, held, queuedAt);
    }
}
