package io.clearline.ops.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a node's configuration puts in the membership list, and what a follower pins. */
class MembershipSettingsTest {
    private static final String PEERS = "notary-1@127.0.0.1:9871, notary-2@127.0.0.1:9872,notary-3@127.0.0.1:9873";

    @Test
    void aRaftNotaryIsListedAsItsReplicas() {
        assertThat(NetworkMembershipConfiguration.notaryCluster(List.of(""), "notary", "raft", List.of(PEERS.split(","))))
                .containsExactly("notary-1@127.0.0.1:9871", "notary-2@127.0.0.1:9872", "notary-3@127.0.0.1:9873");
    }

    @Test
    void aNotaryInThisNodeIsListedByItsName() {
        assertThat(NetworkMembershipConfiguration.notaryCluster(List.of(), "notary", "single", List.of()))
                .containsExactly("notary");
    }

    @Test
    void configuredClusterMembersWin() {
        assertThat(NetworkMembershipConfiguration.notaryCluster(List.of("notary.example:7001"), "notary", "raft",
                List.of(PEERS.split(",")))).containsExactly("notary.example:7001");
    }

    @Test
    void aRaftNotaryWithoutReplicasIsRefused() {
        assertThatThrownBy(() -> NetworkMembershipConfiguration.notaryCluster(List.of(), "notary", "raft", List.of("")))
                .hasMessageContaining("clearline.notary.raft.peers");
    }

    @Test
    void theRootKeyIsPinnedFromThePropertyOrFromAFile(@TempDir Path folder) throws Exception {
        PublicKey root = Ed25519.generate().publicKey();
        Path file = Files.writeString(folder.resolve("network-root.pub"), root.base64() + "\n");

        assertThat(MembershipFollowingConfiguration.pinnedRoot(root.base64(), "")).isEqualTo(root);
        assertThat(MembershipFollowingConfiguration.pinnedRoot("", file.toString())).isEqualTo(root);
    }

    @Test
    void aFollowerPinsExactlyOneValidRootKey() {
        String key = Ed25519.generate().publicKey().base64();

        assertThatThrownBy(() -> MembershipFollowingConfiguration.pinnedRoot("", ""))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> MembershipFollowingConfiguration.pinnedRoot(key, "/etc/network-root.pub"))
                .hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> MembershipFollowingConfiguration.pinnedRoot("bm90IGEga2V5", ""))
                .hasMessageContaining("root-public-key is no base64 Ed25519 public key");
    }
}
