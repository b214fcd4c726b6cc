package io.clearline.flows.notary.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.StateRef;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.RaftPeerId;
import org.h2.jdbcx.JdbcDataSource;

/** What the notary cluster tests share: fast settings, per-replica H2 files, waiting for a condition. */
final class RaftNotaryTesting {
    /**
     * Elections in 0.3 to 0.6 s, a snapshot every 40 entries, 8 KiB log segments: a few hundred
     * commits are enough to snapshot and compact the log several times. A follower that comes back is
     * reached within 0.1 s.
     */
    static final RaftNotarySettings FAST = new RaftNotarySettings(Duration.ofMillis(300), Duration.ofMillis(600),
            Duration.ofSeconds(2), 40, 2, 8 * 1024, 8, Duration.ofMillis(100));
    /** Short sends and backoff, so a commit finds a new leader quickly. */
    static final RaftUniquenessService.Limits FAST_CLIENT = new RaftUniquenessService.Limits(Duration.ofSeconds(2), 4,
            Duration.ofMillis(20), Duration.ofMillis(400));
    /** How long a test waits for something that should happen; far longer than it takes. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    private static final long LEADERSHIP_TRANSFER_TIMEOUT_MILLIS = 5_000;

    private RaftNotaryTesting() {
    }

    /** Each replica's database in an H2 file in its own folder: it survives the replica's restarts. */
    static RaftNotaryCluster.ReplicaDatabase h2Files() {
        return (replicaId, folder) -> {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:file:" + folder.resolve("database").resolve("notary").toAbsolutePath());
            return h2;
        };
    }

    static StateRef state(String tag, int index) {
        return new StateRef("issue-" + tag + "-" + index, 0);
    }

    static String transactionId(String tag, int index) {
        return "tx-" + tag + "-" + index;
    }

    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up waiting (" + PATIENCE + ") until " + what);
            }
            try {
                Thread.sleep(POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }

    static RaftNotaryReplica awaitLeader(RaftNotaryCluster cluster) {
        await("a replica leads", () -> cluster.leader().isPresent());
        return cluster.leader().orElseThrow();
    }

    /** Asks the cluster to hand leadership to {@code replicaId}, again until it leads (a lagging replica cannot). */
    static void moveLeadershipTo(RaftNotaryCluster cluster, String replicaId) {
        awaitLeader(cluster);
        await(replicaId + " leads", () -> {
            if (cluster.replica(replicaId).isLeader()) {
                return true;
            }
            try (RaftClient admin = RaftClient.newBuilder().setRaftGroup(cluster.group())
                    .setProperties(new RaftProperties()).build()) {
                admin.admin().transferLeadership(RaftPeerId.valueOf(replicaId), LEADERSHIP_TRANSFER_TIMEOUT_MILLIS);
            } catch (IOException | RuntimeException notYet) {
                // A replica not yet caught up cannot take over; the next attempt may succeed.
            }
            return cluster.replica(replicaId).isLeader();
        });
    }

    /** Waits until the running replicas hold the same commits, then returns their common summary. */
    static ReplicaSummary awaitConverged(List<RaftNotaryReplica> replicas) {
        await("replicas " + replicas.stream().map(RaftNotaryReplica::id).toList() + " hold the same commits",
                () -> replicas.stream().map(RaftNotaryReplica::summary).distinct().count() == 1);
        ReplicaSummary summary = replicas.get(0).summary();
        assertThat(replicas).allSatisfy(replica -> assertThat(replica.summary()).isEqualTo(summary));
        return summary;
    }

    /** A clock that follows the system's until a test sets it. */
    static final class SettableClock extends Clock {
        private final AtomicReference<Instant> setTo;
        private final ZoneId zone;

        SettableClock() {
            this(new AtomicReference<>(), ZoneOffset.UTC);
        }

        private SettableClock(AtomicReference<Instant> setTo, ZoneId zone) {
            this.setTo = setTo;
            this.zone = zone;
        }

        void set(Instant instant) {
            setTo.set(instant);
        }

        void followSystem() {
            setTo.set(null);
        }

        @Override
        public Instant instant() {
            Instant set = setTo.get();
            return set != null ? set : Instant.now();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId newZone) {
            return new SettableClock(setTo, newZone);
        }
    }
}
