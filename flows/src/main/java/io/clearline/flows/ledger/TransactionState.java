package io.clearline.flows.ledger;

import java.util.Objects;

/** A state as an output of a transaction: which contract governs it and which notary guards it. */
public record TransactionState(ContractState data, String contractName, Party notary) {
    public TransactionState {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(contractName, "contractName");
        Objects.requireNonNull(notary, "notary");
    }
}
