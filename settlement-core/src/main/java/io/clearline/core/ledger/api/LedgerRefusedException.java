package io.clearline.core.ledger.api;

import io.clearline.core.common.api.Reason;

/**
 * The ledger refused a request for a business reason (the counterparty would not sign, the notary
 * found a state already spent, not enough unlocked cash). Nothing was recorded anywhere.
 */
public final class LedgerRefusedException extends RuntimeException {
    private final Reason reason;

    public LedgerRefusedException(Reason reason) {
        super(reason.code() + ": " + reason.explanation());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
