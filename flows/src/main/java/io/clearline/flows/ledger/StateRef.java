package io.clearline.flows.ledger;

import java.util.Objects;

/** Points at one output of one transaction: the only way a state is named on the ledger. */
public record StateRef(String transactionId, int outputIndex) {
    public StateRef {
        Objects.requireNonNull(transactionId, "transactionId");
        if (outputIndex < 0) {
            throw new IllegalArgumentException("an output index is never negative: " + outputIndex);
        }
    }

    /** {@code transactionId:outputIndex}, the form stored in the notary's and the vault's tables. */
    public String encoded() {
        return transactionId + ":" + outputIndex;
    }

    public static StateRef parse(String encoded) {
        int colon = encoded.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("not a state reference: " + encoded);
        }
        return new StateRef(encoded.substring(0, colon), Integer.parseInt(encoded.substring(colon + 1)));
    }

    @Override
    public String toString() {
        return encoded();
    }
}
