package io.clearline.flows.notary.raft;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/**
 * Asks each replica of a notary cluster how it stands (its role, the leader it follows, its commit
 * index), for health checks, metrics and {@code clearline network status}. It asks once per replica,
 * never retries, and waits at most {@code timeout} for each: a probe answers how the cluster looks now.
 *
 * <pre>{@code
 * try (RaftNotaryProbe probe = new RaftNotaryProbe(group, Duration.ofSeconds(1))) {
 *     RaftNotaryProbe.ClusterStatus status = probe.probe();
 *     boolean canCommit = status.quorumReachable();
 * }
 * }</pre>
 */
public final class RaftNotaryProbe implements AutoCloseable {
    /** A replica that does not answer is reported so, with why; its other fields are then empty. */
    public record ReplicaStatus(String id, String address, boolean reachable, Optional<RaftPeerRole> role,
                                long commitIndex, Optional<String> failure) {
        public ReplicaStatus {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * @param leader          the replica that answered as leader, if one did
     * @param quorumReachable a leader answered and so did a majority of the replicas: commits can complete
     * @param lagEntriesMax   as the leader sees it, how many committed entries its slowest replica has yet to
     *                        commit; -1 without a leader
     */
    public record ClusterStatus(List<ReplicaStatus> replicas, Optional<String> leader, boolean quorumReachable,
                                long lagEntriesMax) {
        public ClusterStatus {
            replicas = List.copyOf(replicas);
            Objects.requireNonNull(leader, "leader");
        }

        public long reachableCount() {
            return replicas.stream().filter(ReplicaStatus::reachable).count();
        }
    }

    private final RaftGroup group;
    private final RaftClient client;

    public RaftNotaryProbe(RaftGroup group, Duration timeout) {
        this.group = Objects.requireNonNull(group, "group");
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("a probe's timeout is at least 1 ms: " + timeout);
        }
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
                TimeDuration.valueOf(timeout.toMillis(), TimeUnit.MILLISECONDS));
        this.client = RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setProperties(properties)
                .setRetryPolicy(RetryPolicies.noRetry())
                .build();
    }

    /** Asks every replica, in the order of their ids. */
    public ClusterStatus probe() {
        List<ReplicaStatus> replicas = new ArrayList<>();
        Optional<GroupInfoReply> leaderReply = Optional.empty();
        List<RaftPeer> peers = group.getPeers().stream()
                .sorted(Comparator.comparing(peer -> peer.getId().toString())).toList();
        for (RaftPeer peer : peers) {
            try {
                GroupInfoReply reply = client.getGroupManagementApi(peer.getId()).info(group.getGroupId());
                RoleInfoProto role = reply.getRoleInfoProto();
                long commitIndex = reply.getCommitInfos().stream()
                        .filter(info -> info.getServer().getId().equals(peer.getId().toByteString()))
                        .mapToLong(CommitInfoProto::getCommitIndex).findFirst().orElse(-1L);
                replicas.add(new ReplicaStatus(peer.getId().toString(), peer.getAddress(), true,
                        Optional.of(role.getRole()), commitIndex, Optional.empty()));
                if (role.getRole() == RaftPeerRole.LEADER && leaderReply.isEmpty()) {
                    leaderReply = Optional.of(reply);
                }
            } catch (IOException | RuntimeException e) {
                replicas.add(new ReplicaStatus(peer.getId().toString(), peer.getAddress(), false, Optional.empty(), -1,
                        Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage())));
            }
        }
        Optional<String> leader = leaderReply.map(reply -> reply.getServerId().toString());
        long reachable = replicas.stream().filter(ReplicaStatus::reachable).count();
        boolean quorum = leader.isPresent() && reachable > peers.size() / 2;
        long lag = leaderReply.map(RaftNotaryProbe::lagEntriesMax).orElse(-1L);
        return new ClusterStatus(replicas, leader, quorum, lag);
    }

    /** The leader's commit index less the lowest its replicas have reported to it. */
    private static long lagEntriesMax(GroupInfoReply leaderReply) {
        long leaderCommit = leaderReply.getCommitInfos().stream()
                .filter(info -> info.getServer().getId().equals(leaderReply.getServerId().toByteString()))
                .mapToLong(CommitInfoProto::getCommitIndex).findFirst().orElse(-1L);
        long lowest = leaderReply.getCommitInfos().stream().mapToLong(CommitInfoProto::getCommitIndex).min()
                .orElse(leaderCommit);
        return leaderCommit < 0 ? -1 : Math.max(0, leaderCommit - lowest);
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException("notary probe client did not close cleanly", e);
        }
    }
}
