package io.clearline.core.lsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.GridlockResolution;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resolver's invariants, recomputed from the input and the settled UETRs alone, independently
 * of the resolver's own bookkeeping. Each method asserts one rule, in its words.
 */
final class ResolutionAssertions {

    private ResolutionAssertions() {
    }

    static List<QueuedPayment> settledPayments(GridlockInput input, GridlockResolution resolution) {
        Set<Uetr> settled = new HashSet<>(resolution.settledUetrs());
        assertThat(settled).as("each payment settles at most once").hasSameSizeAs(resolution.settledUetrs());
        return input.queue().stream().filter(payment -> settled.contains(payment.uetr())).toList();
    }

    static void assertNoHeldPaymentSettles(GridlockInput input, GridlockResolution resolution) {
        assertThat(settledPayments(input, resolution)).as("never settles a held payment")
                .noneMatch(QueuedPayment::held);
    }

    static void assertEveryParticipantEndsAtZeroOrAbove(GridlockInput input, GridlockResolution resolution) {
        Map<Bic, Long> positions = recomputedPositions(input, resolution);
        assertThat(positions.values()).as("every participant ends at zero or above").allMatch(position -> position >= 0);
        assertThat(resolution.endPositionsMinorUnits()).as("the reported end positions are the real ones")
                .isEqualTo(positions);
    }

    static void assertEveryLimitIsRespected(GridlockInput input, GridlockResolution resolution) {
        Map<Bic, Long> multilateralOutflow = new HashMap<>();
        Map<List<Bic>, Long> bilateralOutflow = new HashMap<>();
        for (QueuedPayment payment : settledPayments(input, resolution)) {
            if (payment.priority() == PaymentPriority.NORMAL) {
                long amount = payment.amountMinorUnits();
                multilateralOutflow.merge(payment.payer(), amount, Math::addExact);
                multilateralOutflow.merge(payment.payee(), -amount, Math::addExact);
                bilateralOutflow.merge(List.of(payment.payer(), payment.payee()), amount, Math::addExact);
                bilateralOutflow.merge(List.of(payment.payee(), payment.payer()), -amount, Math::addExact);
            }
        }
        for (ParticipantLiquidity participant : input.participants()) {
            long outflow = multilateralOutflow.getOrDefault(participant.bic(), 0L);
            participant.multilateralLimitMinorUnits().ifPresent(limit -> assertThat(outflow)
                    .as("the multilateral limit of %s is respected", participant.bic()).isLessThanOrEqualTo(limit));
            participant.bilateralLimitsMinorUnits().forEach((counterparty, limit) -> assertThat(
                    bilateralOutflow.getOrDefault(List.of(participant.bic(), counterparty), 0L))
                    .as("the bilateral limit of %s towards %s is respected", participant.bic(), counterparty)
                    .isLessThanOrEqualTo(limit));
        }
    }

    static void assertNoLiquidityIsCreated(GridlockInput input, GridlockResolution resolution) {
        long startSum = input.participants().stream().mapToLong(ParticipantLiquidity::balanceMinorUnits).sum();
        long endSum = resolution.endPositionsMinorUnits().values().stream().mapToLong(Long::longValue).sum();
        assertThat(endSum).as("sum of end positions equals sum of start balances").isEqualTo(startSum);
        List<QueuedPayment> settled = settledPayments(input, resolution);
        long settledValue = settled.stream().mapToLong(QueuedPayment::amountMinorUnits).sum();
        assertThat(resolution.settledValueMinorUnits()).as("the reported settled value is the real one")
                .isEqualTo(settledValue);
        long netChange = resolution.endPositionsMinorUnits().entrySet().stream()
                .mapToLong(entry -> entry.getValue() - startBalance(input, entry.getKey())).sum();
        assertThat(netChange).as("settled incoming equals settled outgoing in total").isZero();
    }

    static void assertEveryQueuedPaymentIsAccountedFor(GridlockInput input, GridlockResolution resolution) {
        Set<Uetr> accounted = new HashSet<>(resolution.settledUetrs());
        accounted.addAll(resolution.stayQueuedReasons().keySet());
        assertThat(accounted).as("every queued payment either settles or stays with a reason")
                .hasSize(input.queue().size())
                .containsExactlyInAnyOrderElementsOf(input.queue().stream().map(QueuedPayment::uetr).toList());
    }

    private static Map<Bic, Long> recomputedPositions(GridlockInput input, GridlockResolution resolution) {
        Map<Bic, Long> positions = new HashMap<>();
        input.participants().forEach(participant -> positions.put(participant.bic(), participant.balanceMinorUnits()));
        for (QueuedPayment payment : settledPayments(input, resolution)) {
            positions.merge(payment.payer(), -payment.amountMinorUnits(), Math::addExact);
            positions.merge(payment.payee(), payment.amountMinorUnits(), Math::addExact);
        }
        return positions;
    }

    private static long startBalance(GridlockInput input, Bic bic) {
        return input.participants().stream().filter(participant -> participant.bic().equals(bic))
                .findFirst().orElseThrow().balanceMinorUnits();
    }
}
