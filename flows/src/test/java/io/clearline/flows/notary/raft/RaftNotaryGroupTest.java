package io.clearline.flows.notary.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster as separate processes configure it: a group from addresses, and a probe of its replicas. */
class RaftNotaryGroupTest {
    private static final String PEERS = "notary-1@127.0.0.1:9871, notary-2@127.0.0.1:9872,notary-3@127.0.0.1:9873";

    @TempDir
    Path folder;

    @Test
    void everyProcessGivenTheSameNameAndPeersBuildsTheSameGroup() {
        RaftGroup one = RaftNotaryGroup.parse("clearline-notary", PEERS);
        RaftGroup other = RaftNotaryGroup.parse("clearline-notary", RaftNotaryGroup.format(one));

        assertThat(other).isEqualTo(one);
        assertThat(one.getPeers()).hasSize(3);
        assertThat(RaftNotaryGroup.parse("another", PEERS).getGroupId()).isNotEqualTo(one.getGroupId());
        assertThat(RaftNotaryGroup.parse("6f1c0c2e-6a55-4c71-9f43-0f1f4b2f9a11", PEERS).getGroupId().getUuid())
                .hasToString("6f1c0c2e-6a55-4c71-9f43-0f1f4b2f9a11");
    }

    @Test
    void malformedOrRepeatedPeersAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> RaftNotaryGroup.parse("g", "127.0.0.1:9871"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id@host:port");
        assertThatThrownBy(() -> RaftNotaryGroup.parse("g", "notary-1@127.0.0.1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> RaftNotaryGroup.parse("g", "notary-1@127.0.0.1:1,notary-1@127.0.0.1:2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("repeat");
        assertThatThrownBy(() -> RaftNotaryGroup.parse("g", "notary-1@127.0.0.1:70000"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
        assertThatThrownBy(() -> RaftNotaryGroup.parse(" ", PEERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> RaftNotaryReplica.of(RaftNotaryGroup.parse("g", PEERS), "notary-9", folder,
                RaftNotaryTesting.FAST, RaftNotaryTesting.h2Files(), Clock.systemUTC(), NotaryServiceKey.generate()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no replica notary-9");
    }

    @Test
    void theProbeSeesTheLeaderAndLosesTheQuorumWhenTwoOfThreeStop() {
        try (RaftNotaryCluster cluster = RaftNotaryCluster.start(3, folder, RaftNotaryTesting.h2Files(),
                replica -> Clock.systemUTC(), RaftNotaryTesting.FAST);
             RaftNotaryProbe probe = new RaftNotaryProbe(cluster.group(), Duration.ofSeconds(1))) {
            RaftNotaryReplica leader = RaftNotaryTesting.awaitLeader(cluster);
            RaftNotaryTesting.await("the probe sees the leader and a quorum",
                    () -> probe.probe().quorumReachable() && probe.probe().leader().isPresent());
            RaftNotaryProbe.ClusterStatus status = probe.probe();
            assertThat(status.reachableCount()).isEqualTo(3);
            assertThat(status.replicas()).filteredOn(replica -> replica.role().equals(
                    Optional.of(RaftPeerRole.LEADER))).hasSizeLessThanOrEqualTo(1);
            assertThat(status.lagEntriesMax()).isGreaterThanOrEqualTo(0);

            cluster.replicas().stream().filter(replica -> !replica.id().equals(leader.id())).findFirst().orElseThrow()
                    .stop();
            RaftNotaryTesting.await("two of three still make a quorum", () -> probe.probe().quorumReachable());
            assertThat(probe.probe().reachableCount()).isEqualTo(2);

            leader.stop();
            RaftNotaryProbe.ClusterStatus alone = probe.probe();
            assertThat(alone.quorumReachable()).isFalse();
            assertThat(alone.reachableCount()).isEqualTo(1);
            assertThat(alone.replicas()).filteredOn(replica -> !replica.reachable())
                    .allSatisfy(replica -> assertThat(replica.failure()).isPresent());
        }
    }
}
