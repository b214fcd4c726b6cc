package io.clearline.flows.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A transaction recorded by phase one of finality and not yet finalised or deleted: signed by its
 * parties, without the notary's signature. {@code operationKey} names what built it (a flow id, a
 * transfer id), so that a retry of that operation finishes this transaction instead of building
 * another. The holders are those still waiting for it: a holder that finalised it is no longer listed.
 */
public record PendingTransaction(SignedTransaction transaction, String operationKey, List<String> participantNames,
                                 List<String> observerNames, Instant recordedAt) {
    public PendingTransaction {
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(operationKey, "operationKey");
        participantNames = List.copyOf(participantNames);
        observerNames = List.copyOf(observerNames);
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
