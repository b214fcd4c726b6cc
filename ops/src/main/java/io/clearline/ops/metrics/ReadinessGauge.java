package io.clearline.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import org.springframework.boot.actuate.health.HealthComponent;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.health.Status;

/**
 * The node's readiness probe as a figure ({@code clearline_node_ready}: 1 up, 0 down), so that Prometheus
 * can alert on it: readiness is where the node says it cannot reach its database or a notary quorum,
 * and an orchestrator stops routing to it, but nobody is paged by a probe alone.
 */
final class ReadinessGauge {
    static final String READINESS_GROUP = "readiness";

    private final HealthEndpoint health;
    private final GaugeValue ready = new GaugeValue();

    ReadinessGauge(MeterRegistry registry, HealthEndpoint health) {
        this.health = Objects.requireNonNull(health, "health");
        Gauge.builder("clearline.node.ready", ready, GaugeValue::value)
                .description("The node's readiness probe: 1 ready to take traffic, 0 not (database or notary unreachable)")
                .register(registry);
    }

    void refresh() {
        HealthComponent readiness;
        try {
            readiness = health.healthForPath(READINESS_GROUP);
        } catch (RuntimeException failed) {
            // The probe itself would answer 503 here: not ready, whatever the cause.
            ready.set(0);
            throw failed;
        }
        if (readiness == null) {
            ready.unknown();
            throw new IllegalStateException("the health group '" + READINESS_GROUP + "' is not configured"
                    + " (management.endpoint.health.probes.enabled)");
        }
        ready.set(Status.UP.equals(readiness.getStatus()) ? 1 : 0);
    }
}
