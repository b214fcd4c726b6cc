package io.clearline.core.lsm;

import io.clearline.core.lsm.api.StayQueuedReason;

/**
 * Positions and limit use of every participant for a set of payments, updated incrementally: each
 * change touches one payer and one payee in constant time, so no algorithm ever recomputes the
 * whole network. A payment counts in two halves, its debit to the payer and its credit to the
 * payee, so the exact search can hold credits it has not decided on yet (an optimistic bound).
 */
final class SettlementState {
    private final SettlementNetwork network;
    private final long[] positionMinorUnits;
    /** Normal payments sent minus normal payments received, per participant. */
    private final long[] normalNetOutflowMinorUnits;
    /** The same per limited (owner, counterparty) pair. */
    private final long[] pairNetOutflowMinorUnits;
    /** How many bilateral limits each participant is over right now. */
    private final int[] pairsOverLimitCount;

    SettlementState(SettlementNetwork network) {
        this.network = network;
        positionMinorUnits = network.balanceMinorUnits.clone();
        normalNetOutflowMinorUnits = new long[network.participantCount()];
        pairNetOutflowMinorUnits = new long[network.pairLimitMinorUnits.length];
        pairsOverLimitCount = new int[network.participantCount()];
    }

    void include(int payment) {
        debitPayer(payment);
        creditPayee(payment);
    }

    void exclude(int payment) {
        undoDebitPayer(payment);
        undoCreditPayee(payment);
    }

    void debitPayer(int payment) {
        changePayerSide(payment, network.amountMinorUnits[payment]);
    }

    void undoDebitPayer(int payment) {
        changePayerSide(payment, -network.amountMinorUnits[payment]);
    }

    void creditPayee(int payment) {
        changePayeeSide(payment, network.amountMinorUnits[payment]);
    }

    void undoCreditPayee(int payment) {
        changePayeeSide(payment, -network.amountMinorUnits[payment]);
    }

    long positionMinorUnits(int participant) {
        return positionMinorUnits[participant];
    }

    boolean isShort(int participant) {
        return positionMinorUnits[participant] < 0;
    }

    boolean isOverLimit(int participant) {
        return normalNetOutflowMinorUnits[participant] > network.multilateralLimitMinorUnits[participant]
                || pairsOverLimitCount[participant] > 0;
    }

    boolean isViolating(int participant) {
        return isShort(participant) || isOverLimit(participant);
    }

    /**
     * Whether adding this one payment would keep every participant within bounds, assuming none is
     * out of bounds now. Only the payer can get worse: the payee gains position and loses outflow.
     * Returns null when it fits, or the reason it does not.
     */
    StayQueuedReason obstacleToAdding(int payment) {
        int payer = network.payerOf[payment];
        long amount = network.amountMinorUnits[payment];
        if (positionMinorUnits[payer] - amount < 0) {
            return StayQueuedReason.PAYER_SHORT;
        }
        if (!network.normal[payment]) {
            return null;
        }
        boolean overMultilateral = Math.addExact(normalNetOutflowMinorUnits[payer], amount)
                > network.multilateralLimitMinorUnits[payer];
        int pair = network.outgoingPairOf[payment];
        boolean overBilateral = pair != SettlementNetwork.NO_PAIR
                && Math.addExact(pairNetOutflowMinorUnits[pair], amount) > network.pairLimitMinorUnits[pair];
        return overMultilateral || overBilateral ? StayQueuedReason.LIMIT_EXCEEDED : null;
    }

    private void changePayerSide(int payment, long amount) {
        int payer = network.payerOf[payment];
        positionMinorUnits[payer] = Math.subtractExact(positionMinorUnits[payer], amount);
        if (network.normal[payment]) {
            normalNetOutflowMinorUnits[payer] = Math.addExact(normalNetOutflowMinorUnits[payer], amount);
            changePair(network.outgoingPairOf[payment], amount);
        }
    }

    private void changePayeeSide(int payment, long amount) {
        int payee = network.payeeOf[payment];
        positionMinorUnits[payee] = Math.addExact(positionMinorUnits[payee], amount);
        if (network.normal[payment]) {
            normalNetOutflowMinorUnits[payee] = Math.subtractExact(normalNetOutflowMinorUnits[payee], amount);
            changePair(network.incomingPairOf[payment], -amount);
        }
    }

    private void changePair(int pair, long outflowChange) {
        if (pair == SettlementNetwork.NO_PAIR) {
            return;
        }
        long limit = network.pairLimitMinorUnits[pair];
        boolean wasOver = pairNetOutflowMinorUnits[pair] > limit;
        pairNetOutflowMinorUnits[pair] = Math.addExact(pairNetOutflowMinorUnits[pair], outflowChange);
        boolean isOver = pairNetOutflowMinorUnits[pair] > limit;
        if (wasOver != isOver) {
            pairsOverLimitCount[network.pairOwner[pair]] += isOver ? 1 : -1;
        }
    }
}
