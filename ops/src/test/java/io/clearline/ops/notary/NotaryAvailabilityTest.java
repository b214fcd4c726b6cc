package io.clearline.ops.notary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService;
import io.clearline.flows.notary.raft.RaftNotaryCluster;
import io.clearline.flows.notary.raft.RaftNotaryProbe;
import io.clearline.flows.notary.raft.RaftNotaryReplica;
import io.clearline.flows.notary.raft.RaftNotarySettings;
import io.clearline.ops.Eventually;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.actuate.health.Status;

/** The notary's part of readiness, and its commit metrics, in both modes. */
class NotaryAvailabilityTest {
    /** Elections in 0.3 to 0.6 s, so that losing and regaining a leader takes a moment. */
    private static final RaftNotarySettings FAST = new RaftNotarySettings(Duration.ofMillis(300),
            Duration.ofMillis(600), Duration.ofSeconds(2), 1_000, 2, 1024 * 1024, 64, Duration.ofMillis(100));

    @TempDir
    Path folder;

    @Test
    void aRaftNotaryIsReadyWhileALeaderAndAMajorityAnswerAndNotReadyWithOneReplicaOfThree() {
        try (RaftNotaryCluster cluster = RaftNotaryCluster.start(3, folder, NotaryAvailabilityTest::h2File,
                replica -> Clock.systemUTC(), FAST);
             RaftNotaryProbe probe = new RaftNotaryProbe(cluster.group(), Duration.ofSeconds(1))) {
            NotaryHealthIndicator health = new NotaryHealthIndicator(new RaftNotaryAvailability(probe));
            Eventually.until("the notary is up", () -> Status.UP.equals(health.health().getStatus()));
            String leader = (String) health.health().getDetails().get("leader");
            assertThat(leader).startsWith("notary-");
            assertThat(health.health().getDetails()).containsEntry("mode", "raft")
                    .containsEntry("replicasReachable", "3 of 3");

            // Ratis does not count the vote of a replica whose log is empty (it may have lost its storage): a
            // follower stopped before the leader's first entry reached it could not help elect a leader again.
            Eventually.until("every replica holds the leader's first entry",
                    () -> cluster.replicas().stream().allMatch(replica -> replica.lastLogIndex() >= 0));
            List<RaftNotaryReplica> followers = cluster.replicas().stream()
                    .filter(replica -> !replica.id().equals(leader)).toList();
            followers.forEach(RaftNotaryReplica::stop);
            Eventually.until("the notary is down", () -> Status.DOWN.equals(health.health().getStatus()));
            assertThat(health.health().getDetails()).containsEntry("replicasReachable", "1 of 3");

            followers.get(0).start();
            Eventually.until("the notary is up again", () -> Status.UP.equals(health.health().getStatus()));
        }
    }

    @Test
    void aSingleNodeNotaryIsReadyWhileItsDatabaseAnswers() {
        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:notary-availability;DB_CLOSE_DELAY=-1");
        NotaryHealthIndicator up = new NotaryHealthIndicator(new DatabaseNotaryAvailability(database,
                Duration.ofSeconds(1)));
        JdbcDataSource unreachable = new JdbcDataSource();
        unreachable.setURL("jdbc:h2:tcp://127.0.0.1:1/nothing-listens-here");
        NotaryHealthIndicator down = new NotaryHealthIndicator(new DatabaseNotaryAvailability(unreachable,
                Duration.ofSeconds(1)));

        assertThat(up.health().getStatus()).isEqualTo(Status.UP);
        assertThat(up.health().getDetails()).containsEntry("mode", "single");
        assertThat(down.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat((String) down.health().getDetails().get("database")).contains("Connection refused");
    }

    @Test
    void eachBatchIsTimedAndItsSizeRecordedAndAFailedOneTimedApart() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeteredNotaryCommitter committer = new MeteredNotaryCommitter(requests -> requests.stream()
                .map(request -> (UniquenessService.Result) new UniquenessService.Committed()).toList(),
                registry, "single", 128);
        MeteredNotaryCommitter failing = new MeteredNotaryCommitter(requests -> {
            throw new IllegalStateException("database gone");
        }, registry, "single", 128);
        List<UniquenessService.Request> batch = List.of(
                new UniquenessService.Request(List.of(new StateRef("a", 0)), "tx-1", Instant.EPOCH),
                new UniquenessService.Request(List.of(new StateRef("b", 0)), "tx-2", Instant.EPOCH));

        assertThat(committer.commitBatch(batch)).hasSize(2);
        assertThatThrownBy(() -> failing.commitBatch(batch)).hasMessage("database gone");

        assertThat(registry.get("clearline.notary.commit.latency").tag("outcome", "ok").timer().count()).isEqualTo(1);
        assertThat(registry.get("clearline.notary.commit.latency").tag("outcome", "error").timer().count())
                .isEqualTo(1);
        assertThat(registry.get("clearline.notary.batch.size").summary().count()).isEqualTo(1);
        assertThat(registry.get("clearline.notary.batch.size").summary().totalAmount()).isEqualTo(2.0);
    }

    private static JdbcDataSource h2File(String replicaId, Path replicaFolder) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + replicaFolder.resolve("database").resolve("notary").toAbsolutePath());
        return h2;
    }
}
