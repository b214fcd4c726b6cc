package io.clearline.core.lsm;

import io.clearline.core.common.api.Bic;
import io.clearline.core.lsm.api.GridlockInput;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link GridlockInput} turned into arrays indexed by number, in one canonical order, so the
 * algorithms run on primitives and their result never depends on the order of the input lists.
 * Participants are numbered by BIC; payments by policy order (priority, arrival, UETR).
 * Immutable after construction.
 */
final class SettlementNetwork {
    /** Marks "no limit" in the limit arrays: no net outflow can exceed it. */
    static final long UNLIMITED = Long.MAX_VALUE;
    /** Marks a payment whose direction carries no bilateral limit. */
    static final int NO_PAIR = -1;

    static final Comparator<QueuedPayment> POLICY_ORDER = Comparator
            .comparing(QueuedPayment::priority)
            .thenComparingLong(QueuedPayment::arrivalSequence)
            .thenComparing(payment -> payment.uetr().value());

    final String currency;
    final List<Bic> bics;
    final long[] balanceMinorUnits;
    final long[] multilateralLimitMinorUnits;
    final List<QueuedPayment> payments;
    final int[] payerOf;
    final int[] payeeOf;
    final long[] amountMinorUnits;
    final boolean[] normal;
    final boolean[] held;
    /** Bilateral limits, one entry per (owner, counterparty) with a limit. */
    final long[] pairLimitMinorUnits;
    final int[] pairOwner;
    /** For each payment: the limited pair payer→payee and the limited pair payee→payer, or NO_PAIR. */
    final int[] outgoingPairOf;
    final int[] incomingPairOf;
    /** For each payer: its not held payments in policy order. */
    final int[][] outgoingInPolicyOrder;

    SettlementNetwork(GridlockInput input) {
        currency = input.currency();
        List<ParticipantLiquidity> participants = new ArrayList<>(input.participants());
        participants.sort(Comparator.comparing(participant -> participant.bic().value()));
        bics = participants.stream().map(ParticipantLiquidity::bic).toList();
        Map<Bic, Integer> indexByBic = new HashMap<>();
        for (int index = 0; index < bics.size(); index++) {
            indexByBic.put(bics.get(index), index);
        }
        balanceMinorUnits = participants.stream().mapToLong(ParticipantLiquidity::balanceMinorUnits).toArray();
        multilateralLimitMinorUnits = participants.stream()
                .mapToLong(participant -> participant.multilateralLimitMinorUnits().orElse(UNLIMITED)).toArray();

        List<QueuedPayment> sorted = new ArrayList<>(input.queue());
        sorted.sort(POLICY_ORDER);
        payments = List.copyOf(sorted);
        int paymentCount = payments.size();
        payerOf = new int[paymentCount];
        payeeOf = new int[paymentCount];
        amountMinorUnits = new long[paymentCount];
        normal = new boolean[paymentCount];
        held = new boolean[paymentCount];
        for (int index = 0; index < paymentCount; index++) {
            QueuedPayment payment = payments.get(index);
            payerOf[index] = indexByBic.get(payment.payer());
            payeeOf[index] = indexByBic.get(payment.payee());
            amountMinorUnits[index] = payment.amountMinorUnits();
            normal[index] = payment.priority() == PaymentPriority.NORMAL;
            held[index] = payment.held();
        }

        Map<Long, Integer> pairIndexByKey = new HashMap<>();
        List<Long> pairLimits = new ArrayList<>();
        List<Integer> pairOwners = new ArrayList<>();
        for (int owner = 0; owner < participants.size(); owner++) {
            for (Map.Entry<Bic, Long> limit : participants.get(owner).bilateralLimitsMinorUnits().entrySet()) {
                pairIndexByKey.put(pairKey(owner, indexByBic.get(limit.getKey())), pairLimits.size());
                pairLimits.add(limit.getValue());
                pairOwners.add(owner);
            }
        }
        pairLimitMinorUnits = pairLimits.stream().mapToLong(Long::longValue).toArray();
        pairOwner = pairOwners.stream().mapToInt(Integer::intValue).toArray();
        outgoingPairOf = new int[paymentCount];
        incomingPairOf = new int[paymentCount];
        for (int index = 0; index < paymentCount; index++) {
            outgoingPairOf[index] = pairIndexByKey.getOrDefault(pairKey(payerOf[index], payeeOf[index]), NO_PAIR);
            incomingPairOf[index] = pairIndexByKey.getOrDefault(pairKey(payeeOf[index], payerOf[index]), NO_PAIR);
        }
        outgoingInPolicyOrder = groupNotHeldByPayer(participants.size());
    }

    int participantCount() {
        return bics.size();
    }

    int paymentCount() {
        return payments.size();
    }

    private int[][] groupNotHeldByPayer(int participantCount) {
        int[] counts = new int[participantCount];
        for (int index = 0; index < paymentCount(); index++) {
            if (!held[index]) {
                counts[payerOf[index]]++;
            }
        }
        int[][] grouped = new int[participantCount][];
        for (int participant = 0; participant < participantCount; participant++) {
            grouped[participant] = new int[counts[participant]];
            counts[participant] = 0;
        }
        // Payments are already in policy order, so appending keeps each payer's list in policy order.
        for (int index = 0; index < paymentCount(); index++) {
            if (!held[index]) {
                int payer = payerOf[index];
                grouped[payer][counts[payer]++] = index;
            }
        }
        return grouped;
    }

    private static long pairKey(int owner, int counterparty) {
        return ((long) owner << 32) | counterparty;
    }
}
