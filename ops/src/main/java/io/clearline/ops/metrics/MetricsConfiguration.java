package io.clearline.ops.metrics;

import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.notary.NotaryAvailability;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.LoggingErrorHandler;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's operations metrics on {@code /actuator/prometheus} (names, labels and alerts:
 * {@code ops/monitoring/}; what to do when one fires: {@code ops/runbooks/}).
 *
 * <p>The event-fed counters run in a <em>subscribing</em> processor: each event is counted once, in the
 * unit of work of the command that applied it, in the process that applied it, and never again. The
 * tracking choices count wrongly or late. With an in-memory token (the projections' setting) a tracking
 * processor replays the whole event store at every start and counts every payment ever made again. With
 * the node's durable token (the default for a new group) its first start counts all of history at once,
 * a spike that is no rate. Started at the head of the stream it counts right, but on a thread of its
 * own behind its polling, and whatever is appended between its last read and a shutdown is lost.
 * Counters that start at zero with each process are what Prometheus expects ({@code rate} and
 * {@code increase} see the reset); the price is an increment on the command's thread. A counter's
 * failure is logged and never fails the payment. Events are counted when the unit of work prepares its
 * commit, so a commit that then fails has been counted: rare, and an over-count of one.
 */
@Configuration
public class MetricsConfiguration {
    public static final String PROCESSING_GROUP = "clearline-metrics";

    @Bean
    ConfigurerModule metricsEventProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerSubscribingEventProcessor(PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(PROCESSING_GROUP, configuration -> new LoggingErrorHandler()));
    }

    @Bean
    SettlementLatency settlementLatency(MeterRegistry registry) {
        return new SettlementLatency(registry, SettlementLatency.IN_FLIGHT_PAYMENTS_MAX);
    }

    @Bean
    PaymentMetrics paymentMetrics(MeterRegistry registry, SettlementLatency latency) {
        return new PaymentMetrics(registry, latency);
    }

    @Bean
    GridlockRunMetrics gridlockRunMetrics(MeterRegistry registry) {
        return new GridlockRunMetrics(registry);
    }

    @Bean
    QueueGauges queueGauges(MeterRegistry registry, QueryGateway queries, Clock clock) {
        return new QueueGauges(registry, queries, clock);
    }

    @Bean
    LedgerGauges ledgerGauges(MeterRegistry registry, ClearlineLedger ledger) {
        return new LedgerGauges(registry, ledger);
    }

    @Bean
    ReadinessGauge readinessGauge(MeterRegistry registry, HealthEndpoint health) {
        return new ReadinessGauge(registry, health);
    }

    @Bean
    NotaryGauges notaryGauges(MeterRegistry registry, NotaryAvailability notary) {
        return new NotaryGauges(registry, notary);
    }

    @Bean
    MetricsRefresh metricsRefresh(MeterRegistry registry, QueueGauges queues, ReadinessGauge readiness,
                                  LedgerGauges ledger, NotaryGauges notary,
                                  @Value("${clearline.metrics.queue.refresh-interval}") Duration queueInterval,
                                  @Value("${clearline.metrics.ledger.refresh-interval}") Duration ledgerInterval) {
        return new MetricsRefresh(registry, queues, readiness, ledger, notary, queueInterval, ledgerInterval);
    }
}
