package io.clearline.ops.metrics;

import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Objects;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;

/**
 * Gridlock runs by outcome and mode ({@code clearline_gridlock_runs_total}): a run of aborted runs says
 * reservations or the ledger keep refusing; runs that never settle anything say the queues are stuck
 * for want of liquidity, not for want of netting. Scheduled runs on empty queues record nothing, so
 * they are not counted.
 */
@ProcessingGroup(MetricsConfiguration.PROCESSING_GROUP)
class GridlockRunMetrics {
    static final String GRIDLOCK_RUNS = "clearline.gridlock.runs";

    private final Meter.MeterProvider<Counter> runs;

    GridlockRunMetrics(MeterRegistry registry) {
        this.runs = Counter.builder(GRIDLOCK_RUNS)
                .description("Gridlock resolution runs recorded, by outcome and resolution mode")
                .withRegistry(Objects.requireNonNull(registry, "registry"));
    }

    @EventHandler
    void on(GridlockRunRecordedEvent event) {
        String mode = event.mode() == null ? "none" : event.mode().name().toLowerCase(Locale.ROOT);
        runs.withTags("outcome", event.outcome().name().toLowerCase(Locale.ROOT), "mode", mode).increment();
    }
}
