package io.clearline.ops.metrics;

import io.clearline.flows.notary.raft.RaftNotaryProbe;
import io.clearline.ops.notary.NotaryAvailability;
import io.clearline.ops.notary.NotaryCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Optional;

/**
 * The notary as operators watch it, read on a schedule: {@code clearline_notary_available} (1 commits can
 * complete, 0 not: no quorum, or the database of a single-node notary does not answer), and for a Raft
 * cluster {@code clearline_notary_raft_leader_known} (1 a replica answered as leader),
 * {@code clearline_notary_raft_replicas_reachable} and {@code clearline_notary_raft_lag_entries} (entries
 * the slowest replica has yet to commit, as the leader sees it). The Raft figures are NaN on a single-node
 * notary and when no leader answered: not measured, rather than a reassuring zero.
 */
final class NotaryGauges {
    private final NotaryAvailability availability;
    private final GaugeValue available;
    private final GaugeValue leaderKnown;
    private final GaugeValue replicasReachable;
    private final GaugeValue lagEntries;

    NotaryGauges(MeterRegistry registry, NotaryAvailability availability) {
        this.availability = Objects.requireNonNull(availability, "availability");
        available = GaugeValue.registered(registry, "clearline.notary.available",
                "1 when the notary can decide commits (a Raft quorum answers, or the database does), else 0");
        leaderKnown = GaugeValue.registered(registry, "clearline.notary.raft.leader.known",
                "1 when a replica of the Raft notary cluster answered as leader, else 0");
        replicasReachable = GaugeValue.registered(registry, "clearline.notary.raft.replicas.reachable",
                "Replicas of the Raft notary cluster that answered the last probe");
        lagEntries = GaugeValue.registered(registry, "clearline.notary.raft.lag.entries",
                "Committed log entries the slowest replica has yet to commit, as the leader sees it");
    }

    void refresh() {
        NotaryCheck check = availability.check();
        available.set(check.available() ? 1 : 0);
        Optional<RaftNotaryProbe.ClusterStatus> cluster = check.cluster();
        if (cluster.isEmpty()) {
            leaderKnown.unknown();
            replicasReachable.unknown();
            lagEntries.unknown();
            return;
        }
        leaderKnown.set(cluster.get().leader().isPresent() ? 1 : 0);
        replicasReachable.set(cluster.get().reachableCount());
        if (cluster.get().lagEntriesMax() < 0) {
            lagEntries.unknown();
        } else {
            lagEntries.set(cluster.get().lagEntriesMax());
        }
    }
}
