package io.clearline.ops.notary;

import io.clearline.flows.notary.raft.RaftNotaryProbe;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** A Raft notary cluster is available while a leader and a majority of its replicas answer a probe. */
final class RaftNotaryAvailability implements NotaryAvailability {
    private final RaftNotaryProbe probe;

    RaftNotaryAvailability(RaftNotaryProbe probe) {
        this.probe = Objects.requireNonNull(probe, "probe");
    }

    @Override
    public NotaryCheck check() {
        RaftNotaryProbe.ClusterStatus status;
        try {
            status = probe.probe();
        } catch (RuntimeException e) {
            return new NotaryCheck(false, "raft", Map.of("probe", e.toString()), Optional.empty());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("leader", status.leader().orElse("none"));
        details.put("replicasReachable", status.reachableCount() + " of " + status.replicas().size());
        details.put("lagEntriesMax", status.lagEntriesMax());
        for (RaftNotaryProbe.ReplicaStatus replica : status.replicas()) {
            details.put(replica.id(), replica.address() + " " + (replica.reachable()
                    ? replica.role().map(Enum::name).orElse("?") + " commit " + replica.commitIndex()
                    : "unreachable: " + replica.failure().orElse("?")));
        }
        return new NotaryCheck(status.quorumReachable(), "raft", details, Optional.of(status));
    }
}
