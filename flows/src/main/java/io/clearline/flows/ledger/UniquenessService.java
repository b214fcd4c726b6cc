package io.clearline.flows.ledger;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Guarantees that no state is consumed by two transactions. One interface for a single node, a
 * Raft cluster or a BFT cluster: only configuration picks which.
 */
public interface UniquenessService {

    /**
     * Marks every input consumed by {@code transactionId}, all or none. Committing the same
     * transaction again is harmless and answers {@link Committed} again.
     */
    Result commit(List<StateRef> inputs, String transactionId, Instant now);

    /** What a uniqueness service knows of one transaction's commit. */
    enum Commitment { COMMITTED, NOT_COMMITTED, UNKNOWN }

    /**
     * Whether {@code transactionId} consumed {@code inputs} here, asked without committing anything:
     * recovery asks it of a killed flow's transaction, to finish it if it was committed and delete it,
     * rather than commit it now, if it was not. {@link Commitment#UNKNOWN} where an implementation cannot
     * tell (this default), and for a transaction without inputs, of which nothing is recorded.
     */
    default Commitment commitmentOf(List<StateRef> inputs, String transactionId) {
        return Commitment.UNKNOWN;
    }

    /**
     * What {@code consumedBy} (each input's consuming transaction, where one consumed it) shows of
     * {@code transactionId}'s commit: all its inputs or none, as a commit is all or none.
     *
     * @throws IllegalStateException if it consumed some of its inputs but not all (a corrupt store)
     */
    static Commitment commitmentShownBy(List<StateRef> inputs, String transactionId,
                                        Map<StateRef, String> consumedBy) {
        if (inputs.isEmpty()) {
            return Commitment.UNKNOWN;
        }
        Set<StateRef> distinct = new LinkedHashSet<>(inputs);
        long byThisTransaction = distinct.stream().filter(ref -> transactionId.equals(consumedBy.get(ref))).count();
        if (byThisTransaction == 0) {
            return Commitment.NOT_COMMITTED;
        }
        if (byThisTransaction != distinct.size()) {
            throw new IllegalStateException("transaction " + transactionId + " consumed " + byThisTransaction
                    + " of its " + distinct.size() + " inputs: a commit is all or none");
        }
        return Commitment.COMMITTED;
    }

    /** One transaction's claim on its inputs, at the notary's time of asking. */
    record Request(List<StateRef> inputs, String transactionId, Instant now) {
        public Request {
            inputs = List.copyOf(inputs);
            java.util.Objects.requireNonNull(transactionId, "transactionId");
            java.util.Objects.requireNonNull(now, "now");
        }
    }

    sealed interface Result permits Committed, Conflict {
    }

    /**
     * Committed. {@code notarySignature}: when the service that decided also signs (a Raft notary
     * cluster with its service key), its signature over the transaction, already checked against the
     * notary's key by the service's client; null when the notary signs itself.
     */
    record Committed(TransactionSignature notarySignature) implements Result {
        public Committed() {
            this(null);
        }
    }

    /** Some inputs were already consumed by other transactions: state to the transaction that consumed it. */
    record Conflict(Map<StateRef, String> consumedBy) implements Result {
        public Conflict {
            consumedBy = Map.copyOf(consumedBy);
        }
    }
}
