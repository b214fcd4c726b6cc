package io.clearline.flows.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How an {@link InMemoryTransport} mistreats envelopes, for tests: each envelope sent is, with the
 * given probabilities, dropped the first time it is seen (delivered only when resent), delayed by up
 * to {@code delayMax} (so later ones overtake it), and delivered twice. Decisions come from a random
 * generator seeded with {@code seed}, so a failing run can be repeated with its seed.
 *
 * @param dropFirstProbability  chance that an envelope is lost on its first sending
 * @param delayProbability      chance that an envelope is held back before delivery
 * @param duplicateProbability  chance that an envelope is delivered a second time
 */
public record FaultPlan(long seed, double dropFirstProbability, double delayProbability, Duration delayMax,
                        double duplicateProbability) {
    /** Delivers every envelope once, at once, in order per sender: the production setting. */
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, Duration.ZERO, 0);

    public FaultPlan {
        checkProbability("drop first", dropFirstProbability);
        checkProbability("delay", delayProbability);
        checkProbability("duplicate", duplicateProbability);
        Objects.requireNonNull(delayMax, "delayMax");
        if (delayMax.isNegative() || (delayProbability > 0 && delayMax.isZero())) {
            throw new IllegalArgumentException("a delay of " + delayMax + " with probability " + delayProbability);
        }
    }

    boolean isNone() {
        return dropFirstProbability == 0 && delayProbability == 0 && duplicateProbability == 0;
    }

    Random newRandom() {
        return new Random(seed);
    }

    private static void checkProbability(String what, double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("the " + what + " probability is between 0 and 1: " + probability);
        }
    }
}
