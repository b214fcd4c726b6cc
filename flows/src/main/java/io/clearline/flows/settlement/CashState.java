package io.clearline.flows.settlement;

import io.clearline.flows.ledger.ContractState;
import io.clearline.flows.ledger.Party;
import java.util.List;
import java.util.Objects;

/** Central-bank money on the ledger: an amount in minor units of one currency, issued by one issuer, owned by one party. */
public record CashState(long amountMinorUnits, String currency, Party issuer, Party owner) implements ContractState {
    public CashState {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(owner, "owner");
    }

    @Override
    public List<Party> participants() {
        return List.of(owner);
    }

    public CashState withOwner(Party newOwner, long newAmountMinorUnits) {
        return new CashState(newAmountMinorUnits, currency, issuer, newOwner);
    }
}
