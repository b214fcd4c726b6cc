package io.clearline.core.lsm;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Optimising mode on a small queue: branch and bound over "settle or not" for each not held
 * payment, for the feasible set with the most value, out of FIFO order if need be.
 *
 * <p>Along the search the state holds the debits of payments decided in and the credits of every
 * payment not decided out: an optimistic bound for every participant. Deciding a payment in can
 * only hurt its payer; deciding it out can only hurt its payee; so one check per decision prunes
 * every branch that can no longer be feasible, and at a leaf the bound is the exact state. A
 * second bound prunes branches whose value, with everything undecided added, cannot beat the best.
 *
 * <p>Candidates are tried largest first (ties in policy order) and "settle" before "not", and the
 * best is replaced only by strictly more value, so the result is deterministic. The search starts
 * from the FIFO result as its best, so it never settles less value than FIFO mode.
 *
 * <p>Cost: at most 2^(c+1) nodes for c candidates, each O(1); the caller keeps c within
 * {@link GridlockResolver#EXACT_SEARCH_CANDIDATES_MAX}.
 */
final class ExactSearch {
    private final SettlementNetwork network;
    private final int[] candidates;
    private final long[] remainingValueFromMinorUnits;
    private final SettlementState optimistic;
    private final boolean[] decidedIn;
    private boolean[] bestIncluded;
    private long bestValueMinorUnits;

    private ExactSearch(SettlementNetwork network, SettledSet fifoResult) {
        this.network = network;
        candidates = IntStream.range(0, network.paymentCount())
                .filter(payment -> !network.held[payment])
                .boxed()
                .sorted(Comparator.<Integer>comparingLong(payment -> network.amountMinorUnits[payment]).reversed()
                        .thenComparingInt(payment -> payment))
                .mapToInt(Integer::intValue)
                .toArray();
        remainingValueFromMinorUnits = new long[candidates.length + 1];
        for (int depth = candidates.length - 1; depth >= 0; depth--) {
            remainingValueFromMinorUnits[depth] = Math.addExact(remainingValueFromMinorUnits[depth + 1],
                    network.amountMinorUnits[candidates[depth]]);
        }
        optimistic = new SettlementState(network);
        for (int candidate : candidates) {
            optimistic.creditPayee(candidate);
        }
        decidedIn = new boolean[network.paymentCount()];
        bestIncluded = fifoResult.included().clone();
        bestValueMinorUnits = fifoResult.valueMinorUnits(network);
    }

    /** Returns the included flags of the best set; the FIFO result's own flags if nothing beats it. */
    static boolean[] search(SettlementNetwork network, SettledSet fifoResult) {
        ExactSearch search = new ExactSearch(network, fifoResult);
        search.explore(0, 0);
        return search.bestIncluded;
    }

    private void explore(int depth, long valueMinorUnits) {
        if (Math.addExact(valueMinorUnits, remainingValueFromMinorUnits[depth]) <= bestValueMinorUnits) {
            return;
        }
        if (depth == candidates.length) {
            bestValueMinorUnits = valueMinorUnits;
            bestIncluded = decidedIn.clone();
            return;
        }
        int payment = candidates[depth];
        optimistic.debitPayer(payment);
        if (!optimistic.isViolating(network.payerOf[payment])) {
            decidedIn[payment] = true;
            explore(depth + 1, Math.addExact(valueMinorUnits, network.amountMinorUnits[payment]));
            decidedIn[payment] = false;
        }
        optimistic.undoDebitPayer(payment);

        optimistic.undoCreditPayee(payment);
        if (!optimistic.isViolating(network.payeeOf[payment])) {
            explore(depth + 1, valueMinorUnits);
        }
        optimistic.creditPayee(payment);
    }
}
