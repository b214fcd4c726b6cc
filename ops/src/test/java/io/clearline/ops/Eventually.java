package io.clearline.ops;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits, within a bound, for a node to reach a state: settlement is asynchronous, so a test polls
 * for the outcome instead of sleeping a fixed time (and never asserts how long it took).
 */
public final class Eventually {
    /** Long enough for a loaded CI machine; a correct node takes milliseconds. */
    public static final Duration WAIT_MAX = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    private Eventually() {
    }

    public static void until(String what, BooleanSupplier condition) {
        value(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    public static <T> T value(String what, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        for (Optional<T> found = probe.get(); ; found = probe.get()) {
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + WAIT_MAX.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, interrupted);
            }
        }
    }
}
