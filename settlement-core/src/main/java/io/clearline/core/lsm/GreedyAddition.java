package io.clearline.core.lsm;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Optimising mode on a large queue, a heuristic: start from the FIFO result (feasible, and the
 * most FIFO allows) and add the largest remaining not held payments, one at a time, whenever the
 * addition keeps every participant within bounds. Adding a payment only helps its payee, so a
 * payment refused early in a pass may fit after later additions: passes repeat until one adds
 * nothing or {@link #PASSES_MAX} is reached.
 *
 * <p>It never settles less than FIFO (it only adds) and every state it passes through is
 * feasible. It cannot find a set that needs several payments added at once (a new ring that no
 * single payment of it can open); the exact search does, on small queues.
 *
 * <p>Cost: O(n log n) to sort, then O(n) per pass. It improves the given set in place.
 */
final class GreedyAddition {
    /** Each pass is O(n); a few passes catch nearly every knock-on addition, and bound the run time. */
    static final int PASSES_MAX = 16;

    private GreedyAddition() {
    }

    static SettledSet improve(SettlementNetwork network, SettledSet fifoResult) {
        boolean[] included = fifoResult.included();
        SettlementState state = fifoResult.state();
        int[] remainingLargestFirst = IntStream.range(0, network.paymentCount())
                .filter(payment -> !network.held[payment] && !included[payment])
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(payment -> network.amountMinorUnits[payment]).reversed()
                        .thenComparingInt(payment -> payment))
                .mapToInt(Integer::intValue)
                .toArray();
        for (int pass = 0; pass < PASSES_MAX; pass++) {
            boolean added = false;
            for (int payment : remainingLargestFirst) {
                if (!included[payment] && state.obstacleToAdding(payment) == null) {
                    included[payment] = true;
                    state.include(payment);
                    added = true;
                }
            }
            if (!added) {
                break;
            }
        }
        return fifoResult;
    }
}
