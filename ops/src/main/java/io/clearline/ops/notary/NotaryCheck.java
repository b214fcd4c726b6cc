package io.clearline.ops.notary;

import io.clearline.flows.notary.raft.RaftNotaryProbe;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether this node's notary can decide commits now, and what was seen to say so.
 *
 * @param mode    {@code single} (decided in the node's own database) or {@code raft}
 * @param details for the health endpoint: what was asked and what answered
 * @param cluster the Raft cluster as probed; empty in single mode
 */
public record NotaryCheck(boolean available, String mode, Map<String, Object> details,
                          Optional<RaftNotaryProbe.ClusterStatus> cluster) {
    public NotaryCheck {
        Objects.requireNonNull(mode, "mode");
        details = Map.copyOf(details);
        Objects.requireNonNull(cluster, "cluster");
    }
}
