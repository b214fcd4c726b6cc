package io.clearline.ops.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.ops.cli.CommandOptions;
import java.nio.file.Files;
import io.clearline.flows.notary.raft.NotaryServiceKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the local network's members are started, where they keep their data, and how its options read. */
class NetworkLayoutTest {
    @TempDir
    Path data;

    @Test
    void everyReplicaAndTheNodeAreGivenTheSamePeersAndGroupAndEachItsOwnFolder() {
        NetworkLayout layout = NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.H2);
        String peers = "notary-1@127.0.0.1:9871,notary-2@127.0.0.1:9872,notary-3@127.0.0.1:9873";

        assertThat(layout.members()).extracting(NetworkLayout.Member::name)
                .containsExactly("notary-1", "notary-2", "notary-3", "node");
        for (NetworkLayout.Member member : layout.members()) {
            List<String> arguments = member.arguments(layout, false);
            assertThat(String.join(" ", arguments)).contains(peers, "clearline-notary",
                    data.toAbsolutePath().resolve("network").resolve(member.name()).toString());
        }
        assertThat(layout.members().get(3).arguments(layout, true))
                .contains("node", "--spring.profiles.active=demo,postgres", "--server.port=8080",
                        "--clearline.notary.mode=raft");
        assertThat(layout.members().get(0).arguments(layout, true))
                .containsSubsequence("--jdbc-url", "jdbc:postgresql://127.0.0.1:5432/clearline_network_notary_1");
        assertThat(layout.notaryGroup().getPeers()).hasSize(3);
    }

    @Test
    void everyReplicaIsGivenTheOneServiceKeyFileAndTheNodeItsPublicKeyOnly() {
        NetworkLayout layout = NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.H2);
        NotaryServiceKey key = layout.serviceKey();

        for (NetworkLayout.Member member : layout.members().subList(0, 3)) {
            assertThat(member.arguments(layout, false)).containsSubsequence("--service-key",
                    layout.serviceKeyFile().toString());
        }
        assertThat(layout.members().get(3).arguments(layout, false))
                .contains("--clearline.notary.raft.service-public-key=" + key.publicKey().base64())
                .noneMatch(argument -> argument.contains("service-key "));
        // Written once: a second look, or a second `network up`, finds the same key.
        assertThat(NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.H2).serviceKey()).isEqualTo(key);
    }

    @Test
    void theDatabaseKindOfTheFirstStartIsKeptAndAnotherOneRefused() throws Exception {
        NetworkLayout first = NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.H2);
        first.createFolders();

        assertThat(first.usePostgres()).isFalse();
        assertThat(NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.AUTO).usePostgres()).isFalse();
        assertThatThrownBy(() -> NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.POSTGRES).usePostgres())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keep their data in h2");
        assertThat(Files.readString(data.resolve("network").resolve(NetworkLayout.DATABASE_FILE))).isEqualTo("h2\n");
    }

    @Test
    void aPidFileIsTrustedOnlyForALiveProcessStartedForThatMember() {
        NetworkLayout layout = NetworkLayout.of(data, 8080, 9871, NetworkLayout.Database.H2);
        layout.createFolders();
        NetworkLayout.Member replica = layout.members().get(0);

        assertThat(layout.runningProcess(replica)).isEmpty();
        // This test's own JVM is alive, but was not started for notary-1: a reused pid, never to be signalled.
        layout.writePid(replica, ProcessHandle.current().pid());
        assertThat(layout.runningProcess(replica)).isEmpty();
        layout.removePid(replica);
        assertThat(layout.runningProcess(replica)).isEmpty();
    }

    @Test
    void optionsAreReadOnceEachAndUnknownOrMalformedOnesRefused() {
        CommandOptions options = CommandOptions.parse(new String[] {"--port", "8081", "--database=h2"},
                Set.of("port", "database", "data-dir"));

        assertThat(options.number("port", 8080, 1, 65_535)).isEqualTo(8081);
        assertThat(options.get("database", "auto")).isEqualTo("h2");
        assertThat(options.get("data-dir", "data")).isEqualTo("data");
        assertThatThrownBy(() -> CommandOptions.parse(new String[] {"--colour", "red"}, Set.of("port")))
                .hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> CommandOptions.parse(new String[] {"--port", "1", "--port=2"}, Set.of("port")))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> CommandOptions.parse(new String[] {"--port"}, Set.of("port")))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> CommandOptions.parse(new String[] {"--port", "x"}, Set.of("port"))
                .number("port", 1, 1, 10)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> NetworkLayout.of(data, 9872, 9871, NetworkLayout.Database.H2))
                .hasMessageContaining("one of the notary's");
    }
}
