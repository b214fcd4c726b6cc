package io.clearline.flows.ledger;

import java.util.Optional;

/** Finds the state an input points at, from transactions already recorded. */
@FunctionalInterface
public interface StateResolver {
    Optional<TransactionState> resolve(StateRef ref);
}
