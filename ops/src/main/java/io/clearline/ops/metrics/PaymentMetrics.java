package io.clearline.ops.metrics;

import io.clearline.core.common.api.Reason;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentReturnedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Payments by outcome and ISO reason ({@code clearline_payments_total}) and their settlement latency
 * ({@code clearline_settlement_latency_seconds}), counted as the core's events happen in this process.
 *
 * <p>The counters count events, not payments: a payment queued, then settled counts once as queued and
 * once as settled; a return settles as a payment of its own and also counts as returned on its
 * original. Messages the channels refuse before they reach the core (a pacs.002 RJCT for FF01, AG01)
 * are not here.
 */
@ProcessingGroup(MetricsConfiguration.PROCESSING_GROUP)
class PaymentMetrics {
    static final String PAYMENTS = "clearline.payments";
    /** The reason label of an outcome that has none (settled, returned). */
    static final String NO_REASON = "none";

    private final Meter.MeterProvider<Counter> payments;
    private final SettlementLatency latency;

    PaymentMetrics(MeterRegistry registry, SettlementLatency latency) {
        this.payments = Counter.builder(PAYMENTS)
                .description("Payment outcomes decided by the settlement core, by ISO 20022 reason code")
                .withRegistry(Objects.requireNonNull(registry, "registry"));
        this.latency = Objects.requireNonNull(latency, "latency");
    }

    @EventHandler
    void on(PaymentReceivedEvent event) {
        latency.received(event.uetr(), event.receivedAt());
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        count("settled", NO_REASON);
        latency.settled(event.uetr(), event.settledAt());
    }

    @EventHandler
    void on(PaymentQueuedEvent event) {
        count("queued", code(event.reason()));
        latency.queued(event.uetr());
    }

    @EventHandler
    void on(PaymentRejectedEvent event) {
        count("rejected", code(event.reason()));
        latency.ended(event.uetr());
    }

    @EventHandler
    void on(PaymentCancelledEvent event) {
        count("cancelled", code(event.reason()));
        latency.ended(event.uetr());
    }

    @EventHandler
    void on(PaymentReturnedEvent event) {
        count("returned", NO_REASON);
    }

    private void count(String outcome, String reason) {
        payments.withTags("outcome", outcome, "reason", reason).increment();
    }

    /** The ISO code only: the explanation is free text and would make a label without bound. */
    private static String code(Reason reason) {
        return reason == null ? NO_REASON : reason.code().name();
    }
}
