package io.clearline.flows.notary.raft;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the leader writes into the Raft log for one client call: the requests, decided in order, and
 * the leader's time when it accepted them. Replicas judge time windows by {@code leaderTime} only,
 * so replaying the log anywhere, at any later time, gives the same decisions.
 */
record NotaryLogEntry(Instant leaderTime, List<CommitRequest> requests) {
    NotaryLogEntry {
        Objects.requireNonNull(leaderTime, "leaderTime");
        requests = List.copyOf(requests);
    }
}
