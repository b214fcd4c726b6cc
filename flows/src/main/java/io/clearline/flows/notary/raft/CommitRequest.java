package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TimeWindow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One transaction's claim on the notary cluster: consume {@code inputs}, provided none of them and
 * none of {@code references} is consumed by another transaction, and provided the leader's time is
 * inside {@code timeWindow} (null: no window).
 *
 * <p>Everything a replica could refuse at its database is checked here, on the client: a request
 * that reached the log and then failed to apply would stop every replica alike.
 */
public record CommitRequest(String transactionId, List<StateRef> inputs, List<StateRef> references,
                            TimeWindow timeWindow) {
    /** Inputs plus references of one transaction at most; a netting transaction has far fewer. */
    public static final int STATES_PER_REQUEST_MAX = 10_000;
    /** Matches the replica's column; ledger ids are 64 hexadecimal digits. */
    public static final int TRANSACTION_ID_LENGTH_MAX = 128;
    /** Matches the replica's column for an encoded state reference. */
    public static final int STATE_REF_LENGTH_MAX = 160;

    public CommitRequest {
        Objects.requireNonNull(transactionId, "transactionId");
        inputs = List.copyOf(inputs);
        references = List.copyOf(references);
        if (transactionId.isEmpty() || transactionId.length() > TRANSACTION_ID_LENGTH_MAX) {
            throw new IllegalArgumentException("a transaction id has 1 to " + TRANSACTION_ID_LENGTH_MAX
                    + " characters: " + transactionId);
        }
        if (inputs.size() + references.size() > STATES_PER_REQUEST_MAX) {
            throw new IllegalArgumentException("transaction " + transactionId + " names "
                    + (inputs.size() + references.size()) + " states, more than " + STATES_PER_REQUEST_MAX);
        }
        for (List<StateRef> refs : List.of(inputs, references)) {
            for (StateRef ref : refs) {
                if (ref.encoded().length() > STATE_REF_LENGTH_MAX) {
                    throw new IllegalArgumentException("a state reference has at most " + STATE_REF_LENGTH_MAX
                            + " characters: " + ref);
                }
            }
        }
    }

    /** A request with inputs only, as {@link io.clearline.flows.ledger.UniquenessService} asks. */
    public static CommitRequest ofInputs(String transactionId, List<StateRef> inputs) {
        return new CommitRequest(transactionId, inputs, List.of(), null);
    }

    public Optional<TimeWindow> window() {
        return Optional.ofNullable(timeWindow);
    }

    int stateCount() {
        return inputs.size() + references.size();
    }
}
