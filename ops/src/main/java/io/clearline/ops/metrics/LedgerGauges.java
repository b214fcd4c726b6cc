package io.clearline.ops.metrics;

import io.clearline.flows.ledger.Page;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import io.clearline.flows.settlement.ClearlineLedger;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The ledger's own figures, read on a schedule: flows by status ({@code clearline_flows{status}}), flows
 * running in this process now ({@code clearline_flows_running}), and the regulator's instant audit
 * ({@code clearline_audit_clean}: 1 clean, 0 not, NaN when it could not be read).
 *
 * <p>Only unfinished flows are counted by status: completed, failed and killed ones are history that
 * grows with every payment, and the flows module can only list a status page by page (there is no
 * count), so counting them would read every checkpoint. Counting stops at {@link #FLOWS_COUNTED_MAX};
 * a gauge at that value means "at least".
 */
final class LedgerGauges {
    static final List<FlowStatus> STATUSES_COUNTED = List.of(FlowStatus.RUNNABLE, FlowStatus.PARKED);
    /** Flows counted per status at most: a bound on the pages read per refresh. */
    static final int FLOWS_COUNTED_MAX = 5_000;
    static final int FLOWS_PAGE_SIZE = Page.PAGE_SIZE_MAX;

    private final ClearlineLedger ledger;
    private final FlowRunner flows;
    private final Map<FlowStatus, GaugeValue> flowsByStatus = new EnumMap<>(FlowStatus.class);
    private final GaugeValue auditClean = new GaugeValue();

    LedgerGauges(MeterRegistry registry, ClearlineLedger ledger) {
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.flows = ledger.flowRunner();
        for (FlowStatus status : STATUSES_COUNTED) {
            GaugeValue count = new GaugeValue();
            flowsByStatus.put(status, count);
            Gauge.builder("clearline.flows", count, GaugeValue::value)
                    .description("Unfinished ledger flows by status; parked ones wait for an operator")
                    .tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("clearline.flows.running", flows, FlowRunner::runningCount)
                .description("Ledger flows running in this process now")
                .register(registry);
        Gauge.builder("clearline.audit.clean", auditClean, GaugeValue::value)
                .description("The regulator's instant audit: 1 clean, 0 a failure or cash in circulation unlike cash issued")
                .register(registry);
    }

    /** Each figure on its own: an audit that cannot be read must not leave the flow counts stale too. */
    void refresh() {
        RuntimeException firstFailure = null;
        try {
            auditClean.set(ledger.audit().clean() ? 1 : 0);
        } catch (RuntimeException unreadable) {
            auditClean.unknown();
            firstFailure = unreadable;
        }
        for (FlowStatus status : STATUSES_COUNTED) {
            GaugeValue count = flowsByStatus.get(status);
            try {
                count.set(count(status));
            } catch (RuntimeException unreadable) {
                count.unknown();
                firstFailure = firstFailure == null ? unreadable : firstFailure;
            }
        }
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    private long count(FlowStatus status) {
        long counted = 0;
        for (int pageNumber = 0; counted < FLOWS_COUNTED_MAX; pageNumber++) {
            Page<FlowSummary> page = flows.list(status, pageNumber, FLOWS_PAGE_SIZE);
            counted += page.items().size();
            if (!page.hasMore()) {
                break;
            }
        }
        return Math.min(counted, FLOWS_COUNTED_MAX);
    }
}
