package io.clearline.core.lsm;

/**
 * A candidate answer inside the resolver: which payments settle (by policy-order index) and the
 * state they produce. Mutable on purpose, for speed; never leaves the package.
 */
record SettledSet(boolean[] included, SettlementState state) {

    long valueMinorUnits(SettlementNetwork network) {
        long value = 0;
        for (int payment = 0; payment < included.length; payment++) {
            if (included[payment]) {
                value = Math.addExact(value, network.amountMinorUnits[payment]);
            }
        }
        return value;
    }
}
