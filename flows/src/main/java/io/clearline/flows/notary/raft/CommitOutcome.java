package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.StateRef;
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

    /** The inputs are consumed by this transaction, since {@code committedAt} (the leader's time then). */
    record Committed(Instant committedAt) implements CommitOutcome {
        public Committed {
            Objects.requireNonNull(committedAt, "committedAt");
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
