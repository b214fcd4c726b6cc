package io.clearline.ops.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The latest value of a polled figure, read by a Micrometer gauge at every scrape. It starts as NaN,
 * which Prometheus reads as "not measured yet": an alert on {@code == 0} must not fire before the first
 * refresh, nor after a refresh that could not read its source.
 */
final class GaugeValue {
    private volatile double value = Double.NaN;

    /** A new value, NaN until first set, exported as the gauge {@code name}. */
    static GaugeValue registered(MeterRegistry registry, String name, String description) {
        GaugeValue gauge = new GaugeValue();
        Gauge.builder(name, gauge, GaugeValue::value).description(description).register(registry);
        return gauge;
    }

    void set(double measured) {
        value = measured;
    }

    void unknown() {
        value = Double.NaN;
    }

    double value() {
        return value;
    }
}
