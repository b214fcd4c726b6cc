package io.clearline.flows.settlement;

import io.clearline.flows.ledger.ContractState;
import io.clearline.flows.ledger.Party;
import java.util.List;
import java.util.Objects;

/** A settled payment between two banks, linear by its UETR: the ledger's proof that it settled once. */
public record PaymentState(String uetr, Party payer, Party payee, long amountMinorUnits, String currency)
        implements ContractState {
    public PaymentState {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(payer, "payer");
        Objects.requireNonNull(payee, "payee");
        Objects.requireNonNull(currency, "currency");
    }

    @Override
    public List<Party> participants() {
        return List.of(payer, payee);
    }
}
