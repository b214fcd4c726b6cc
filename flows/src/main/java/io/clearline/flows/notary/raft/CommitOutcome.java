package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TransactionSignature;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * How the cluster decided one {@link CommitRequest}. Every replica reaches the same outcome for the
 * same log entry: it depends on the entry (and the leader's time written in it) and on what earlier
 * entries committed, never on a replica's own clock.
 */
public sealed interface CommitOutcome permits CommitOutcome.Committed, CommitOutcome.Conflict,
        CommitOutcome.OutsideTimeWindow {

    /**
     * The inputs are consumed by this transaction, since {@code committedAt} (the leader's time then).
     * {@code notarySignature}: the cluster's service signature over this transaction (a batch signature
     * with its proof), checked by the client against the service key; null from a client given no
     * service key, which only decides.
     */
    record Committed(Instant committedAt, TransactionSignature notarySignature) implements CommitOutcome {
        public Committed {
            Objects.requireNonNull(committedAt, "committedAt");
        }

        /** As a replica decides it: the signature is added to the answer, never to the replicated state. */
        public Committed(Instant committedAt) {
            this(committedAt, null);
        }

        Committed signedWith(TransactionSignature signature) {
            return new Committed(committedAt, Objects.requireNonNull(signature, "signature"));
        }
    }

    /** Inputs or references already consumed by other transactions: state to the transaction that consumed it. */
    record Conflict(Map<StateRef, String> consumedBy) implements CommitOutcome {
        public Conflict {
            consumedBy = Map.copyOf(consumedBy);
            if (consumedBy.isEmpty()) {
                throw new IllegalArgumentException("a conflict names at least one consumed state");
            }
        }
    }

    /** The leader's time written in the log entry was outside the transaction's time window; nothing was consumed. */
    record OutsideTimeWindow(Instant leaderTime) implements CommitOutcome {
        public OutsideTimeWindow {
            Objects.requireNonNull(leaderTime, "leaderTime");
        }
    }
}
