package io.clearline.adapters.channel;

import java.time.Duration;
import java.util.Objects;

/**
 * How often, and how patiently, a message is re-sent to a bank's webhook or queue before it goes to
 * the dead letter channel: the delay doubles after every attempt, up to {@code delayMax}.
 *
 * @param redeliveriesMax attempts after the first one
 * @param firstDelay      the wait before the first redelivery
 * @param delayMax        the longest wait between two attempts
 */
public record DeliveryRetries(int redeliveriesMax, Duration firstDelay, Duration delayMax) {
    /** Each wait is this many times the one before. */
    public static final double BACK_OFF_MULTIPLIER = 2.0;
    /** Beyond this a failing webhook would hold a message for hours; the dead letter folder is the place for it. */
    public static final int REDELIVERIES_LIMIT = 20;

    public DeliveryRetries {
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(delayMax, "delayMax");
        if (redeliveriesMax < 0 || redeliveriesMax > REDELIVERIES_LIMIT) {
            throw new IllegalArgumentException("redeliveriesMax must be 0.." + REDELIVERIES_LIMIT + ", was "
                    + redeliveriesMax);
        }
        if (firstDelay.isNegative() || delayMax.compareTo(firstDelay) < 0) {
            throw new IllegalArgumentException("need 0 ≤ firstDelay ≤ delayMax, was " + firstDelay + " and "
                    + delayMax);
        }
    }

    /** Six redeliveries over about a minute: 1, 2, 4, 8, 16 and 30 seconds apart. */
    public static DeliveryRetries defaults() {
        return new DeliveryRetries(6, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }
}
