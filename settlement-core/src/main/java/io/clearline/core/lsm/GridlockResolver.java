package io.clearline.core.lsm;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StayQueuedReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Gridlock resolution (the liquidity-saving mechanism): from one currency's queues, balances and
 * limits, the set of queued payments that can settle together as one multilateral transaction.
 *
 * <p>A pure, deterministic function with no I/O and no clock: the same input, with its lists in
 * any order, always gives an equal result. Every result satisfies, and is checked at run time to
 * satisfy: no held payment settles; every participant ends at zero or above (balance + settled
 * incoming − settled outgoing); the net outflow of normal payments stays within every bilateral
 * and multilateral limit; no liquidity is created (end positions sum to the start balances). In
 * {@link ResolutionMode#FIFO} each payer's settled payments are its earliest in policy order; in
 * {@link ResolutionMode#OPTIMISING} the result settles at least as much value as FIFO would.
 *
 * <p>Usage: build a {@link GridlockInput} from a snapshot of one currency (reserve what settles
 * before releasing the snapshot), call {@link #resolve}, settle {@code settledUetrs} as one
 * transaction and record {@code stayQueuedReasons}.
 *
 * <p>Failures: {@link ArithmeticException} when sums of amounts overflow a {@code long};
 * {@link IllegalStateException} when a result would break an invariant, which is a bug here and
 * never a business refusal. WARNING: the resolution is only as good as its snapshot; settling it
 * against balances that have moved since can leave a participant short.
 */
public final class GridlockResolver {
    /**
     * Optimising mode searches exactly up to this many not held payments: at most 2^21 cheap steps,
     * a few milliseconds. Above it the search would double per payment, so a heuristic takes over.
     */
    public static final int EXACT_SEARCH_CANDIDATES_MAX = 20;

    private GridlockResolver() {
    }

    public static GridlockResolution resolve(GridlockInput input, ResolutionMode mode) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(mode, "mode");
        SettlementNetwork network = new SettlementNetwork(input);
        SettledSet fifoResult = FifoRemoval.resolve(network);
        if (mode == ResolutionMode.FIFO) {
            return describe(network, mode, ResolutionAlgorithm.FIFO_REMOVAL, fifoResult);
        }
        if (candidateCount(network) <= EXACT_SEARCH_CANDIDATES_MAX) {
            boolean[] included = ExactSearch.search(network, fifoResult);
            return describe(network, mode, ResolutionAlgorithm.EXACT_BRANCH_AND_BOUND, stateOf(network, included));
        }
        SettledSet improved = GreedyAddition.improve(network, fifoResult);
        return describe(network, mode, ResolutionAlgorithm.FIFO_THEN_GREEDY_ADDITION, improved);
    }

    private static long candidateCount(SettlementNetwork network) {
        long count = 0;
        for (boolean held : network.held) {
            count += held ? 0 : 1;
        }
        return count;
    }

    private static SettledSet stateOf(SettlementNetwork network, boolean[] included) {
        SettlementState state = new SettlementState(network);
        for (int payment = 0; payment < included.length; payment++) {
            if (included[payment]) {
                state.include(payment);
            }
        }
        return new SettledSet(included, state);
    }

    private static GridlockResolution describe(SettlementNetwork network, ResolutionMode mode,
            ResolutionAlgorithm algorithm, SettledSet result) {
        ResolutionChecks.requireInvariants(network, result.included());
        List<Uetr> settled = new ArrayList<>();
        Map<Uetr, StayQueuedReason> stayQueued = new LinkedHashMap<>();
        for (int payment = 0; payment < network.paymentCount(); payment++) {
            Uetr uetr = network.payments.get(payment).uetr();
            if (result.included()[payment]) {
                settled.add(uetr);
            } else {
                stayQueued.put(uetr, reasonToStay(network, result.state(), payment));
            }
        }
        Map<Bic, Long> endPositions = new LinkedHashMap<>();
        for (int participant = 0; participant < network.participantCount(); participant++) {
            endPositions.put(network.bics.get(participant), result.state().positionMinorUnits(participant));
        }
        return new GridlockResolution(network.currency, mode, algorithm, settled, endPositions, stayQueued,
                result.valueMinorUnits(network));
    }

    /**
     * Judged against the end state. In FIFO mode a payer's first unsettled payment never fits on its
     * own (it was removed while its payer was out of bounds, and the payer has only lost incoming
     * payments since), so "displaced" marks exactly the later payments queued behind it.
     */
    private static StayQueuedReason reasonToStay(SettlementNetwork network, SettlementState state, int payment) {
        if (network.held[payment]) {
            return StayQueuedReason.HELD;
        }
        StayQueuedReason obstacle = state.obstacleToAdding(payment);
        return obstacle != null ? obstacle : StayQueuedReason.DISPLACED_BY_FIFO_POLICY;
    }
}
