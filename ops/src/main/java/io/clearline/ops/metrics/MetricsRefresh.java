package io.clearline.ops.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Refreshes the polled gauges on their own thread. Not on Spring's shared scheduler: that one thread
 * also runs the scheduled gridlock runs, and a slow query here must neither delay a run nor be delayed
 * by one. A refresh that fails keeps the previous figures (or NaN where a figure would lie), logs, and
 * counts in {@code clearline_metrics_refresh_failures_total{source}} so stale figures are visible; the
 * next tick tries again.
 */
final class MetricsRefresh implements SmartLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsRefresh.class);

    static final String[] SOURCES = {"queues", "readiness", "ledger", "notary"};

    private final QueueGauges queues;
    private final ReadinessGauge readiness;
    private final LedgerGauges ledger;
    private final NotaryGauges notary;
    private final Duration queueInterval;
    private final Duration ledgerInterval;
    private final Meter.MeterProvider<Counter> failures;
    private ScheduledExecutorService scheduler;

    MetricsRefresh(MeterRegistry registry, QueueGauges queues, ReadinessGauge readiness, LedgerGauges ledger,
                   NotaryGauges notary, Duration queueInterval, Duration ledgerInterval) {
        this.queues = Objects.requireNonNull(queues, "queues");
        this.readiness = Objects.requireNonNull(readiness, "readiness");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.notary = Objects.requireNonNull(notary, "notary");
        this.queueInterval = positive(queueInterval, "queueInterval");
        this.ledgerInterval = positive(ledgerInterval, "ledgerInterval");
        this.failures = Counter.builder("clearline.metrics.refresh.failures")
                .description("Refreshes of polled metrics that failed; their figures are stale or NaN until the next")
                .withRegistry(registry);
        for (String source : SOURCES) {
            // Registered at zero, so that an alert on their increase has a series from the start.
            failures.withTags("source", source);
        }
    }

    private static Duration positive(Duration interval, String name) {
        Objects.requireNonNull(interval, name);
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + " is positive: " + interval);
        }
        return interval;
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("metrics-refresh").daemon()
                .factory());
        scheduler.scheduleWithFixedDelay(() -> refresh("queues", queues::refresh), 0, queueInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> refresh("readiness", readiness::refresh), 0, queueInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(() -> refresh("ledger", ledger::refresh), 0, ledgerInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        // As often as readiness: the notary is half of what readiness says.
        scheduler.scheduleWithFixedDelay(() -> refresh("notary", notary::refresh), 0, queueInterval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** A task that throws is never run again by its executor: every failure stops here. */
    private void refresh(String source, Runnable refresh) {
        try {
            refresh.run();
        } catch (RuntimeException failed) {
            failures.withTags("source", source).increment();
            LOG.warn("could not refresh the {} metrics: {}", source, failed.toString());
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Late to start and early to stop: the core's queries and the ledger are up around it. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1_000;
    }
}
