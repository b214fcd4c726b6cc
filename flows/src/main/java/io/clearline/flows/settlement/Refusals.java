package io.clearline.flows.settlement;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;

final class Refusals {
    private Refusals() {
    }

    static LedgerRefusedException refusal(ReasonCode code, String explanation) {
        return new LedgerRefusedException(Reason.of(code, explanation));
    }
}
