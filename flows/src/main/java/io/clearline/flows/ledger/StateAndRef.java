package io.clearline.flows.ledger;

import java.util.Objects;

/** A resolved input: the state together with where it was created. */
public record StateAndRef(TransactionState state, StateRef ref) {
    public StateAndRef {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(ref, "ref");
    }
}
