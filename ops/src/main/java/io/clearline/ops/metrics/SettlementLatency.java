package io.clearline.ops.metrics;

import io.clearline.core.common.api.Uetr;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settlement latency per UETR: from the core's {@code receivedAt} to its {@code settledAt}, both read
 * from the events (the core's clock), so the figure is what a bank experienced and not when this node
 * happened to handle the events.
 *
 * <p>Receive times wait in a bounded map until their payment settles, is rejected or is cancelled.
 * When more than {@code inFlightMax} payments are open (a long queue, or payments received before a
 * restart that never settle here) the oldest receipt is dropped and counted in
 * {@code clearline_settlement_latency_evictions_total}; its payment then settles unmeasured rather
 * than the node running out of memory. A payment received before this process started is not
 * measured either.
 *
 * <p>Payments that waited in a queue are measured apart ({@code path="queued"}): their latency is the
 * payer's liquidity, not the engine's speed, and mixing the two would hide either.
 */
final class SettlementLatency {
    /** Payments received and not yet ended whose receive time is kept; about 100 bytes each. */
    static final int IN_FLIGHT_PAYMENTS_MAX = 100_000;
    static final String TIMER_NAME = "clearline.settlement.latency";
    static final String PATH_STRAIGHT_THROUGH = "straight_through";
    static final String PATH_QUEUED = "queued";
    /**
     * Histogram buckets: the straight-through path takes milliseconds, a queued payment minutes to hours;
     * fixed boundaries keep the series few and the same on every node, so they sum across nodes and
     * Prometheus computes percentiles from them ({@code histogram_quantile}). No client-side percentiles:
     * they cannot be summed across nodes, and the Prometheus registry does not export them beside buckets.
     */
    static final Duration[] LATENCY_BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
            Duration.ofHours(4)};

    private record InFlight(Instant receivedAt, boolean queued) {
    }

    private final Map<Uetr, InFlight> inFlight;
    private final Timer straightThrough;
    private final Timer queued;
    private final Counter evictions;

    SettlementLatency(MeterRegistry registry, int inFlightMax) {
        Objects.requireNonNull(registry, "registry");
        if (inFlightMax < 1) {
            throw new IllegalArgumentException("inFlightMax is at least 1: " + inFlightMax);
        }
        this.straightThrough = timer(registry, PATH_STRAIGHT_THROUGH);
        this.queued = timer(registry, PATH_QUEUED);
        this.evictions = Counter.builder("clearline.settlement.latency.evictions")
                .description("Receive times dropped, oldest first, because more payments than the limit were open")
                .register(registry);
        this.inFlight = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Uetr, InFlight> eldest) {
                boolean full = size() > inFlightMax;
                if (full) {
                    evictions.increment();
                }
                return full;
            }
        };
    }

    private static Timer timer(MeterRegistry registry, String path) {
        return Timer.builder(TIMER_NAME)
                .description("From a payment's receipt to its settlement on the ledger, by the core's clock")
                .tag("path", path)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** A redelivered receipt keeps the first receive time: it is the one the bank saw. */
    synchronized void received(Uetr uetr, Instant receivedAt) {
        inFlight.putIfAbsent(uetr, new InFlight(receivedAt, false));
    }

    /** Replacing keeps the entry's place: eviction order stays the order of receipt. */
    synchronized void queued(Uetr uetr) {
        inFlight.computeIfPresent(uetr, (key, payment) -> new InFlight(payment.receivedAt(), true));
    }

    /** Rejected or cancelled: it will never settle, so its receive time is of no further use. */
    synchronized void ended(Uetr uetr) {
        inFlight.remove(uetr);
    }

    void settled(Uetr uetr, Instant settledAt) {
        InFlight payment;
        synchronized (this) {
            payment = inFlight.remove(uetr);
        }
        if (payment == null) {
            // Received before this process started, or evicted: unmeasured rather than guessed.
            return;
        }
        Duration latency = Duration.between(payment.receivedAt(), settledAt);
        if (latency.isNegative()) {
            // Both instants come from the core's clock; a clock stepped back must not record nonsense.
            return;
        }
        (payment.queued() ? queued : straightThrough).record(latency);
    }

    synchronized int inFlightCount() {
        return inFlight.size();
    }
}
