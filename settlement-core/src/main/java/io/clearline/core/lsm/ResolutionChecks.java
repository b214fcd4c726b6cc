package io.clearline.core.lsm;

import java.util.HashMap;
import java.util.Map;

/**
 * Always-on checks of a result, recomputed from scratch rather than from the incremental state the
 * algorithms used, so a bug in either shows up as an exception instead of an unbalanced
 * settlement. O(n + p): cheap beside the resolution itself.
 */
final class ResolutionChecks {

    private ResolutionChecks() {
    }

    static void requireInvariants(SettlementNetwork network, boolean[] included) {
        int participantCount = network.participantCount();
        long[] position = network.balanceMinorUnits.clone();
        long[] normalNetOutflow = new long[participantCount];
        Map<Long, Long> pairNetOutflow = new HashMap<>();
        for (int payment = 0; payment < included.length; payment++) {
            if (!included[payment]) {
                continue;
            }
            if (network.held[payment]) {
                throw new IllegalStateException("a held payment would settle: " + network.payments.get(payment).uetr());
            }
            int payer = network.payerOf[payment];
            int payee = network.payeeOf[payment];
            long amount = network.amountMinorUnits[payment];
            position[payer] = Math.subtractExact(position[payer], amount);
            position[payee] = Math.addExact(position[payee], amount);
            if (network.normal[payment]) {
                normalNetOutflow[payer] = Math.addExact(normalNetOutflow[payer], amount);
                normalNetOutflow[payee] = Math.subtractExact(normalNetOutflow[payee], amount);
                pairNetOutflow.merge(network.outgoingPairOf[payment] + 0L, amount, Math::addExact);
                pairNetOutflow.merge(network.incomingPairOf[payment] + 0L, -amount, Math::addExact);
            }
        }
        requireCovered(network, position, normalNetOutflow, pairNetOutflow);
    }

    private static void requireCovered(SettlementNetwork network, long[] position, long[] normalNetOutflow,
            Map<Long, Long> pairNetOutflow) {
        long startSum = 0;
        long endSum = 0;
        for (int participant = 0; participant < network.participantCount(); participant++) {
            if (position[participant] < 0) {
                throw new IllegalStateException("a participant would end short: " + network.bics.get(participant));
            }
            if (normalNetOutflow[participant] > network.multilateralLimitMinorUnits[participant]) {
                throw new IllegalStateException("a multilateral limit would be exceeded: " + network.bics.get(participant));
            }
            startSum = Math.addExact(startSum, network.balanceMinorUnits[participant]);
            endSum = Math.addExact(endSum, position[participant]);
        }
        pairNetOutflow.forEach((pair, outflow) -> {
            if (pair != SettlementNetwork.NO_PAIR && outflow > network.pairLimitMinorUnits[pair.intValue()]) {
                throw new IllegalStateException("a bilateral limit would be exceeded: "
                        + network.bics.get(network.pairOwner[pair.intValue()]));
            }
        });
        if (startSum != endSum) {
            throw new IllegalStateException("liquidity would be created or destroyed: " + startSum + " -> " + endSum);
        }
    }
}
