package io.clearline.core.lsm;

import static io.clearline.core.lsm.RandomNetworks.bic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StayQueuedReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classic gridlocks, one rule each. */
class GridlockResolverTest {
    private static final long ONE_THOUSAND_EUROS = 100_000;

    @ParameterizedTest
    @ValueSource(ints = {3, 4, 5})
    void aRingOfBanksWithZeroBalanceAndEqualPaymentsSettlesEntirely(int bankCount) {
        GridlockInput input = ring(bankCount, ONE_THOUSAND_EUROS, List.of());
        for (ResolutionMode mode : ResolutionMode.values()) {
            GridlockResolution resolution = GridlockResolver.resolve(input, mode);
            assertThat(resolution.settledUetrs()).hasSize(bankCount);
            assertThat(resolution.stayQueuedReasons()).isEmpty();
            assertThat(resolution.endPositionsMinorUnits().values()).containsOnly(0L);
            assertThat(resolution.settledValueMinorUnits()).isEqualTo(bankCount * ONE_THOUSAND_EUROS);
        }
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aRingWhereOneBankIsShortByOneCentDoesNotSettleThatBanksPayment(ResolutionMode mode) {
        List<QueuedPayment> queue = new ArrayList<>(ring(3, ONE_THOUSAND_EUROS, List.of()).queue());
        QueuedPayment first = queue.getFirst();
        queue.set(0, payment(first.uetr(), first.payer(), first.payee(), ONE_THOUSAND_EUROS + 1, 0, false));
        GridlockInput input = new GridlockInput("EUR", zeroBalances(3), queue);

        GridlockResolution resolution = GridlockResolver.resolve(input, mode);

        assertThat(resolution.settledUetrs()).doesNotContain(first.uetr());
        assertThat(resolution.stayQueuedReasons()).containsEntry(first.uetr(), StayQueuedReason.PAYER_SHORT);
        assertWithinInvariants(input, resolution);
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aPartialGridlockSettlesTheRingAndLeavesTheUncoveredPaymentQueuedAsPayerShort(ResolutionMode mode) {
        GridlockInput ring = ring(3, ONE_THOUSAND_EUROS, List.of());
        QueuedPayment uncovered = payment(uetr(99), bic(3), bic(0), 5 * ONE_THOUSAND_EUROS, 99, false);
        List<QueuedPayment> queue = new ArrayList<>(ring.queue());
        queue.add(uncovered);
        GridlockInput input = new GridlockInput("EUR", zeroBalances(4), queue);

        GridlockResolution resolution = GridlockResolver.resolve(input, mode);

        assertThat(resolution.settledUetrs()).containsExactlyInAnyOrderElementsOf(
                ring.queue().stream().map(QueuedPayment::uetr).toList());
        assertThat(resolution.stayQueuedReasons()).containsExactly(Map.entry(uncovered.uetr(), StayQueuedReason.PAYER_SHORT));
        assertWithinInvariants(input, resolution);
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aHeldPaymentInARingBlocksTheRing(ResolutionMode mode) {
        GridlockInput input = ring(4, ONE_THOUSAND_EUROS, List.of(0));
        Uetr heldUetr = input.queue().getFirst().uetr();

        GridlockResolution resolution = GridlockResolver.resolve(input, mode);

        assertThat(resolution.settledUetrs()).isEmpty();
        assertThat(resolution.stayQueuedReasons()).containsEntry(heldUetr, StayQueuedReason.HELD);
        assertThat(resolution.stayQueuedReasons()).hasSize(4);
        assertWithinInvariants(input, resolution);
    }

    @ParameterizedTest
    @EnumSource(ResolutionMode.class)
    void aBilateralLimitSmallerThanThePaymentKeepsItQueuedAsLimitExceeded(ResolutionMode mode) {
        ParticipantLiquidity limited = new ParticipantLiquidity(bic(0), 10 * ONE_THOUSAND_EUROS,
                Map.of(bic(1), ONE_THOUSAND_EUROS - 1), OptionalLong.empty());
        QueuedPayment payment = payment(uetr(1), bic(0), bic(1), ONE_THOUSAND_EUROS, 0, false);
        GridlockInput input = new GridlockInput("EUR",
                List.of(limited, ParticipantLiquidity.unlimited(bic(1), 0)), List.of(payment));

        GridlockResolution resolution = GridlockResolver.resolve(input, mode);

        assertThat(resolution.settledUetrs()).isEmpty();
        assertThat(resolution.stayQueuedReasons()).containsExactly(
                Map.entry(payment.uetr(), StayQueuedReason.LIMIT_EXCEEDED));
    }

    @Test
    void aMultilateralLimitIsMetByIncomingNormalPayments() {
        ParticipantLiquidity limited = new ParticipantLiquidity(bic(0), 0, Map.of(), OptionalLong.of(0));
        List<QueuedPayment> queue = List.of(
                payment(uetr(1), bic(0), bic(1), ONE_THOUSAND_EUROS, 0, false),
                payment(uetr(2), bic(1), bic(0), ONE_THOUSAND_EUROS, 1, false));
        GridlockInput input = new GridlockInput("EUR",
                List.of(limited, ParticipantLiquidity.unlimited(bic(1), 0)), queue);

        assertThat(GridlockResolver.resolve(input, ResolutionMode.FIFO).settledUetrs()).hasSize(2);
    }

    @Test
    void urgentAndHighPaymentsIgnoreLimits() {
        ParticipantLiquidity limited = new ParticipantLiquidity(bic(0), ONE_THOUSAND_EUROS,
                Map.of(bic(1), 0L), OptionalLong.of(0));
        QueuedPayment urgent = new QueuedPayment(uetr(1), bic(0), bic(1), ONE_THOUSAND_EUROS,
                PaymentPriority.URGENT, 0, false);
        GridlockInput input = new GridlockInput("EUR",
                List.of(limited, ParticipantLiquidity.unlimited(bic(1), 0)), List.of(urgent));

        assertThat(GridlockResolver.resolve(input, ResolutionMode.FIFO).settledUetrs()).containsExactly(urgent.uetr());
    }

    @Test
    void fifoModeKeepsALaterSmallPaymentBehindAnEarlierUncoveredOneAndTheOptimisingModeSettlesIt() {
        QueuedPayment large = payment(uetr(1), bic(0), bic(1), 5 * ONE_THOUSAND_EUROS, 0, false);
        QueuedPayment small = payment(uetr(2), bic(0), bic(1), ONE_THOUSAND_EUROS, 1, false);
        GridlockInput input = new GridlockInput("EUR", List.of(
                ParticipantLiquidity.unlimited(bic(0), ONE_THOUSAND_EUROS),
                ParticipantLiquidity.unlimited(bic(1), 0)), List.of(large, small));

        GridlockResolution fifo = GridlockResolver.resolve(input, ResolutionMode.FIFO);
        GridlockResolution optimising = GridlockResolver.resolve(input, ResolutionMode.OPTIMISING);

        assertThat(fifo.settledUetrs()).isEmpty();
        assertThat(fifo.stayQueuedReasons()).containsExactly(
                Map.entry(large.uetr(), StayQueuedReason.PAYER_SHORT),
                Map.entry(small.uetr(), StayQueuedReason.DISPLACED_BY_FIFO_POLICY));
        assertThat(optimising.settledUetrs()).containsExactly(small.uetr());
        assertThat(optimising.algorithm()).isEqualTo(ResolutionAlgorithm.EXACT_BRANCH_AND_BOUND);
    }

    @Test
    void eachRunRecordsTheModeAndAlgorithmItUsed() {
        GridlockInput small = RandomNetworks.generate(1, 5, GridlockResolver.EXACT_SEARCH_CANDIDATES_MAX / 2);
        GridlockInput large = RandomNetworks.generate(2, 5, 10 * GridlockResolver.EXACT_SEARCH_CANDIDATES_MAX);

        assertThat(GridlockResolver.resolve(small, ResolutionMode.FIFO))
                .extracting(GridlockResolution::mode, GridlockResolution::algorithm)
                .containsExactly(ResolutionMode.FIFO, ResolutionAlgorithm.FIFO_REMOVAL);
        assertThat(GridlockResolver.resolve(small, ResolutionMode.OPTIMISING).algorithm())
                .isEqualTo(ResolutionAlgorithm.EXACT_BRANCH_AND_BOUND);
        assertThat(GridlockResolver.resolve(large, ResolutionMode.OPTIMISING))
                .extracting(GridlockResolution::mode, GridlockResolution::algorithm)
                .containsExactly(ResolutionMode.OPTIMISING, ResolutionAlgorithm.FIFO_THEN_GREEDY_ADDITION);
    }

    @Test
    void rejectsASnapshotThatQueuesTheSameUetrTwice() {
        QueuedPayment payment = payment(uetr(1), bic(0), bic(1), ONE_THOUSAND_EUROS, 0, false);
        assertThatThrownBy(() -> new GridlockInput("EUR", zeroBalances(2), List.of(payment, payment)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a UETR is queued once");
    }

    @Test
    void rejectsAPaymentFromAParticipantNotInTheSnapshot() {
        QueuedPayment payment = payment(uetr(1), bic(0), bic(7), ONE_THOUSAND_EUROS, 0, false);
        assertThatThrownBy(() -> new GridlockInput("EUR", zeroBalances(2), List.of(payment)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not in the snapshot");
    }

    private static void assertWithinInvariants(GridlockInput input, GridlockResolution resolution) {
        ResolutionAssertions.assertNoHeldPaymentSettles(input, resolution);
        ResolutionAssertions.assertEveryParticipantEndsAtZeroOrAbove(input, resolution);
        ResolutionAssertions.assertEveryLimitIsRespected(input, resolution);
        ResolutionAssertions.assertNoLiquidityIsCreated(input, resolution);
        ResolutionAssertions.assertEveryQueuedPaymentIsAccountedFor(input, resolution);
    }

    /** Banks 0..n-1 with zero balance, each paying the next the same amount; the listed ones held. */
    private static GridlockInput ring(int bankCount, long amountMinorUnits, List<Integer> heldPayers) {
        List<QueuedPayment> queue = new ArrayList<>();
        for (int bank = 0; bank < bankCount; bank++) {
            queue.add(payment(uetr(bank + 1), bic(bank), bic((bank + 1) % bankCount), amountMinorUnits, bank,
                    heldPayers.contains(bank)));
        }
        return new GridlockInput("EUR", zeroBalances(bankCount), queue);
    }

    private static List<ParticipantLiquidity> zeroBalances(int bankCount) {
        List<ParticipantLiquidity> participants = new ArrayList<>();
        for (int bank = 0; bank < bankCount; bank++) {
            participants.add(ParticipantLiquidity.unlimited(bic(bank), 0));
        }
        return participants;
    }

    private static QueuedPayment payment(Uetr uetr, Bic payer, Bic payee, long amountMinorUnits, long arrival,
            boolean held) {
        return new QueuedPayment(uetr, payer, payee, amountMinorUnits, PaymentPriority.NORMAL, arrival, held);
    }

    private static Uetr uetr(int number) {
        return Uetr.of(String.format("6f1d8c52-8a4b-4c6e-9f7a-%012d", number));
    }
}
