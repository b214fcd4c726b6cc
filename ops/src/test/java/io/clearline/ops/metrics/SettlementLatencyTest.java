package io.clearline.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Uetr;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Settlement latency is measured per UETR from the events' own instants, within a bounded memory. */
class SettlementLatencyTest {
    private static final Instant RECEIVED = Instant.parse("2026-11-24T09:00:00Z");

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void latencyIsTheTimeFromReceiptToSettlementByTheEventsInstants() {
        SettlementLatency latency = new SettlementLatency(registry, 10);
        Uetr uetr = uetr();

        latency.received(uetr, RECEIVED);
        latency.settled(uetr, RECEIVED.plusMillis(40));

        assertThat(timer("straight_through").count()).isEqualTo(1);
        assertThat(timer("straight_through").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40);
        assertThat(latency.inFlightCount()).isZero();
    }

    @Test
    void paymentThatWaitedInTheQueueIsMeasuredApart() {
        SettlementLatency latency = new SettlementLatency(registry, 10);
        Uetr uetr = uetr();

        latency.received(uetr, RECEIVED);
        latency.queued(uetr);
        latency.settled(uetr, RECEIVED.plus(Duration.ofMinutes(20)));

        assertThat(timer("queued").count()).isEqualTo(1);
        assertThat(timer("queued").totalTime(TimeUnit.MINUTES)).isEqualTo(20);
        assertThat(timer("straight_through").count()).isZero();
    }

    @Test
    void oldestReceiptIsEvictedAndCountedWhenMorePaymentsAreOpenThanTheLimit() {
        SettlementLatency latency = new SettlementLatency(registry, 2);
        Uetr oldest = uetr();
        Uetr middle = uetr();
        Uetr newest = uetr();

        latency.received(oldest, RECEIVED);
        latency.received(middle, RECEIVED.plusSeconds(1));
        latency.queued(oldest);
        latency.received(newest, RECEIVED.plusSeconds(2));

        assertThat(latency.inFlightCount()).isEqualTo(2);
        assertThat(registry.get("clearline.settlement.latency.evictions").counter().count()).isEqualTo(1);
        latency.settled(oldest, RECEIVED.plusSeconds(3));
        latency.settled(middle, RECEIVED.plusSeconds(3));
        assertThat(timer("queued").count()).isZero();
        assertThat(timer("straight_through").count()).isEqualTo(1);
    }

    @Test
    void rejectedOrCancelledPaymentIsForgottenAndNeverMeasured() {
        SettlementLatency latency = new SettlementLatency(registry, 10);
        Uetr rejected = uetr();

        latency.received(rejected, RECEIVED);
        latency.ended(rejected);
        latency.settled(rejected, RECEIVED.plusSeconds(1));

        assertThat(latency.inFlightCount()).isZero();
        assertThat(timer("straight_through").count()).isZero();
    }

    @Test
    void paymentReceivedBeforeThisProcessStartedIsNotMeasured() {
        SettlementLatency latency = new SettlementLatency(registry, 10);

        latency.settled(uetr(), RECEIVED);

        assertThat(timer("straight_through").count()).isZero();
    }

    @Test
    void redeliveredReceiptKeepsTheFirstReceiveTime() {
        SettlementLatency latency = new SettlementLatency(registry, 10);
        Uetr uetr = uetr();

        latency.received(uetr, RECEIVED);
        latency.received(uetr, RECEIVED.plusSeconds(5));
        latency.settled(uetr, RECEIVED.plusSeconds(6));

        assertThat(timer("straight_through").totalTime(TimeUnit.SECONDS)).isEqualTo(6);
    }

    @Test
    void settlementBeforeReceiptByAClockSteppedBackIsNotRecorded() {
        SettlementLatency latency = new SettlementLatency(registry, 10);
        Uetr uetr = uetr();

        latency.received(uetr, RECEIVED);
        latency.settled(uetr, RECEIVED.minusSeconds(1));

        assertThat(timer("straight_through").count()).isZero();
    }

    private Timer timer(String path) {
        return registry.get(SettlementLatency.TIMER_NAME).tag("path", path).timer();
    }

    private static Uetr uetr() {
        return Uetr.of(UUID.randomUUID().toString());
    }
}
