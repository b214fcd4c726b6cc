package io.clearline.core.lsm;

import java.util.ArrayDeque;

/**
 * The DESIGN algorithm: start from every queued, not held payment; while some participant is
 * short or over a limit, remove that participant's last payment in policy order (lowest priority,
 * latest arrival); repeat.
 *
 * <p>Why the result is right: each payer's settled payments are always a prefix of its policy
 * order, so the priority and FIFO policy holds. A participant that is out of bounds stays out of
 * bounds while its own outgoing payments stay and others are removed (removals only take away its
 * incoming payments), so every removed payment is absent from every feasible policy-respecting
 * set: the result is the unique largest one, whatever the order in which participants are visited.
 *
 * <p>Why it terminates, and its cost: every step removes one payment, so there are at most n
 * removals. A participant enters the work list at the start or when it loses an incoming payment,
 * at most p + n times. A step costs O(1) thanks to {@link SettlementState}'s incremental updates
 * and each payer's policy-ordered array with a moving end. With sorting, O(n log n + p) in all.
 */
final class FifoRemoval {

    private FifoRemoval() {
    }

    static SettledSet resolve(SettlementNetwork network) {
        boolean[] included = new boolean[network.paymentCount()];
        SettlementState state = new SettlementState(network);
        int participantCount = network.participantCount();
        int[] settledCount = new int[participantCount];
        for (int payer = 0; payer < participantCount; payer++) {
            int[] outgoing = network.outgoingInPolicyOrder[payer];
            settledCount[payer] = outgoing.length;
            for (int payment : outgoing) {
                included[payment] = true;
                state.include(payment);
            }
        }
        ArrayDeque<Integer> workList = new ArrayDeque<>();
        boolean[] inWorkList = new boolean[participantCount];
        for (int participant = 0; participant < participantCount; participant++) {
            workList.add(participant);
            inWorkList[participant] = true;
        }
        while (!workList.isEmpty()) {
            int participant = workList.poll();
            inWorkList[participant] = false;
            while (state.isViolating(participant)) {
                if (settledCount[participant] == 0) {
                    // With nothing going out, balance + incoming >= 0 and net outflow <= 0 <= limit.
                    throw new IllegalStateException("participant " + network.bics.get(participant)
                            + " is out of bounds with no outgoing payment left: a resolver bug");
                }
                int payment = network.outgoingInPolicyOrder[participant][--settledCount[participant]];
                included[payment] = false;
                state.exclude(payment);
                int payee = network.payeeOf[payment];
                if (!inWorkList[payee] && state.isViolating(payee)) {
                    workList.add(payee);
                    inWorkList[payee] = true;
                }
            }
        }
        return new SettledSet(included, state);
    }
}
