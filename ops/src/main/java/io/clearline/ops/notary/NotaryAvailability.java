package io.clearline.ops.notary;

/**
 * Asks, now, whether the notary can decide commits: for the readiness probe (through
 * {@link NotaryHealthIndicator}) and the notary's gauges. A check is bounded in time and never throws:
 * what it cannot reach it reports as unavailable.
 */
public interface NotaryAvailability {
    NotaryCheck check();
}
