package io.clearline.core.lsm;

import static io.clearline.core.lsm.ResolutionAssertions.assertEveryLimitIsRespected;
import static io.clearline.core.lsm.ResolutionAssertions.assertEveryParticipantEndsAtZeroOrAbove;
import static io.clearline.core.lsm.ResolutionAssertions.assertEveryQueuedPaymentIsAccountedFor;
import static io.clearline.core.lsm.ResolutionAssertions.assertNoHeldPaymentSettles;
import static io.clearline.core.lsm.ResolutionAssertions.assertNoLiquidityIsCreated;
import static io.clearline.core.lsm.ResolutionAssertions.settledPayments;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.QueuedPayment;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The resolver's invariants over random networks: 2 to 20 participants, up to 300 queued payments. */
class GridlockResolverPropertiesTest {
    private static final int TRIES = 200;
    private static final int PARTICIPANTS_MIN = 2;
    private static final int PARTICIPANTS_MAX = 20;
    private static final int QUEUED_PAYMENTS_MAX = 300;
    /** Small enough for a brute force over every subset to check the exact search. */
    private static final int BRUTE_FORCE_PAYMENTS_MAX = 12;

    @Provide
    Arbitrary<GridlockInput> networks() {
        // Half the networks are small, so the optimising mode's exact search runs as often as its heuristic.
        Arbitrary<Integer> paymentCounts = Arbitraries.oneOf(
                Arbitraries.integers().between(0, GridlockResolver.EXACT_SEARCH_CANDIDATES_MAX + 4),
                Arbitraries.integers().between(0, QUEUED_PAYMENTS_MAX));
        return Combinators.combine(Arbitraries.longs(),
                        Arbitraries.integers().between(PARTICIPANTS_MIN, PARTICIPANTS_MAX), paymentCounts)
                .as(RandomNetworks::generate);
    }

    @Provide
    Arbitrary<GridlockInput> smallNetworks() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(PARTICIPANTS_MIN, 6),
                Arbitraries.integers().between(0, BRUTE_FORCE_PAYMENTS_MAX)).as(RandomNetworks::generate);
    }

    @Property(tries = TRIES)
    void neverSettlesAHeldPayment(@ForAll("networks") GridlockInput input, @ForAll ResolutionMode mode) {
        assertNoHeldPaymentSettles(input, GridlockResolver.resolve(input, mode));
    }

    @Property(tries = TRIES)
    void everyParticipantEndsAtZeroOrAbove(@ForAll("networks") GridlockInput input, @ForAll ResolutionMode mode) {
        assertEveryParticipantEndsAtZeroOrAbove(input, GridlockResolver.resolve(input, mode));
    }

    @Property(tries = TRIES)
    void everyBilateralAndMultilateralLimitIsRespected(
            @ForAll("networks") GridlockInput input, @ForAll ResolutionMode mode) {
        assertEveryLimitIsRespected(input, GridlockResolver.resolve(input, mode));
    }

    @Property(tries = TRIES)
    void neverCreatesLiquidity(@ForAll("networks") GridlockInput input, @ForAll ResolutionMode mode) {
        GridlockResolution resolution = GridlockResolver.resolve(input, mode);
        assertNoLiquidityIsCreated(input, resolution);
        assertEveryQueuedPaymentIsAccountedFor(input, resolution);
    }

    @Property(tries = TRIES)
    void theSameInputInAnyOrderGivesTheSameOutput(@ForAll("networks") GridlockInput input,
            @ForAll ResolutionMode mode, @ForAll long shuffleSeed) {
        GridlockResolution first = GridlockResolver.resolve(input, mode);
        assertThat(GridlockResolver.resolve(input, mode)).isEqualTo(first);
        GridlockResolution reordered = GridlockResolver.resolve(RandomNetworks.shuffled(input, shuffleSeed), mode);
        assertThat(reordered).isEqualTo(first);
        assertThat(reordered.settledUetrs()).containsExactlyElementsOf(first.settledUetrs());
    }

    @Property(tries = TRIES)
    void inFifoModeAPaymentSettlesOnlyIfEveryEarlierNotHeldPaymentOfItsPayerWithTheSameOrHigherPriorityDoes(
            @ForAll("networks") GridlockInput input) {
        GridlockResolution resolution = GridlockResolver.resolve(input, ResolutionMode.FIFO);
        Set<Uetr> settled = new HashSet<>(resolution.settledUetrs());
        Comparator<QueuedPayment> policyOrder = Comparator.comparing(QueuedPayment::priority)
                .thenComparingLong(QueuedPayment::arrivalSequence);
        for (QueuedPayment later : settledPayments(input, resolution)) {
            for (QueuedPayment earlier : input.queue()) {
                if (earlier.payer().equals(later.payer()) && !earlier.held()
                        && policyOrder.compare(earlier, later) < 0) {
                    assertThat(settled).as("%s settles, so the earlier %s of the same payer settles too",
                            later.uetr(), earlier.uetr()).contains(earlier.uetr());
                }
            }
        }
    }

    @Property(tries = TRIES)
    void theOptimisingModeSettlesAtLeastAsMuchValueAsFifoMode(@ForAll("networks") GridlockInput input) {
        long fifoValue = GridlockResolver.resolve(input, ResolutionMode.FIFO).settledValueMinorUnits();
        long optimisingValue = GridlockResolver.resolve(input, ResolutionMode.OPTIMISING).settledValueMinorUnits();
        assertThat(optimisingValue).isGreaterThanOrEqualTo(fifoValue);
    }

    @Property(tries = TRIES)
    void theExactSearchFindsTheMostValueAnyFeasibleSetSettles(@ForAll("smallNetworks") GridlockInput input) {
        GridlockResolution resolution = GridlockResolver.resolve(input, ResolutionMode.OPTIMISING);
        assertThat(resolution.settledValueMinorUnits()).isEqualTo(bruteForceBestValue(input));
    }

    /** Every subset of the not held payments, checked the slow and obvious way. */
    private static long bruteForceBestValue(GridlockInput input) {
        List<QueuedPayment> candidates = input.queue().stream().filter(payment -> !payment.held()).toList();
        long best = 0;
        for (int subset = 0; subset < (1 << candidates.size()); subset++) {
            long value = 0;
            Map<Bic, Long> positions = new HashMap<>();
            for (ParticipantLiquidity participant : input.participants()) {
                positions.put(participant.bic(), participant.balanceMinorUnits());
            }
            for (int bit = 0; bit < candidates.size(); bit++) {
                if ((subset & (1 << bit)) != 0) {
                    QueuedPayment payment = candidates.get(bit);
                    value += payment.amountMinorUnits();
                    positions.merge(payment.payer(), -payment.amountMinorUnits(), Long::sum);
                    positions.merge(payment.payee(), payment.amountMinorUnits(), Long::sum);
                }
            }
            if (value > best && positions.values().stream().allMatch(position -> position >= 0)
                    && withinLimits(input, candidates, subset)) {
                best = value;
            }
        }
        return best;
    }

    private static boolean withinLimits(GridlockInput input, List<QueuedPayment> candidates, int subset) {
        List<Uetr> chosen = new ArrayList<>();
        for (int bit = 0; bit < candidates.size(); bit++) {
            if ((subset & (1 << bit)) != 0) {
                chosen.add(candidates.get(bit).uetr());
            }
        }
        GridlockResolution asIfSettled = new GridlockResolution(input.currency(), ResolutionMode.OPTIMISING,
                ResolutionAlgorithm.EXACT_BRANCH_AND_BOUND, chosen, Map.of(), Map.of(), 0);
        try {
            ResolutionAssertions.assertEveryLimitIsRespected(input, asIfSettled);
            return true;
        } catch (AssertionError outsideALimit) {
            return false;
        }
    }
}
