package io.clearline.flows.settlement;

import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.StateAndRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Selected cash split into what pays an amount and what goes back to its owner as change, each kept
 * per issuer, so that a transaction built from it conserves cash per currency and issuer as the cash
 * contract requires. The inputs are spent in the order given.
 */
record CashSplit(Map<Party, Long> paidByIssuer, Map<Party, Long> changeByIssuer) {

    /** @throws IllegalStateException when the inputs do not cover {@code amountMinorUnits} */
    static CashSplit of(List<StateAndRef> cashInputs, long amountMinorUnits) {
        Map<Party, Long> paid = new LinkedHashMap<>();
        Map<Party, Long> change = new LinkedHashMap<>();
        long stillToPay = amountMinorUnits;
        for (StateAndRef input : cashInputs) {
            CashState cash = (CashState) input.state().data();
            long paidHere = Math.min(stillToPay, cash.amountMinorUnits());
            stillToPay = Math.subtractExact(stillToPay, paidHere);
            if (paidHere > 0) {
                paid.merge(cash.issuer(), paidHere, Math::addExact);
            }
            long changeHere = Math.subtractExact(cash.amountMinorUnits(), paidHere);
            if (changeHere > 0) {
                change.merge(cash.issuer(), changeHere, Math::addExact);
            }
        }
        if (stillToPay != 0) {
            throw new IllegalStateException("selected cash does not cover " + amountMinorUnits + " (minor units)");
        }
        return new CashSplit(paid, change);
    }
}
