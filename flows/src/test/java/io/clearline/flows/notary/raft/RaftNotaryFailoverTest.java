package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST_CLIENT;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.await;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.awaitConverged;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.awaitLeader;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.h2Files;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.moveLeadershipTo;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.transactionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas stopped and started again under commits: what Raft promises, checked on each replica's database. */
class RaftNotaryFailoverTest {
    /** Concurrent callers in the load test. */
    private static final int PRODUCERS = 6;
    /** Commits that must succeed before, and again after, a replica is stopped. */
    private static final int COMMITS_PER_PHASE = 60;

    @TempDir
    Path folder;

    private RaftNotaryCluster startCluster() {
        return RaftNotaryCluster.start(3, folder, h2Files(), id -> Clock.systemUTC(), FAST);
    }

    @Test
    void commitsContinueWhileTheLeaderIsDownAndEveryCommitIsRecordedOnce() throws Exception {
        try (RaftNotaryCluster cluster = startCluster();
             RaftUniquenessService uniqueness = cluster.connect(FAST_CLIENT)) {
            BatchingUniquenessService batching = new BatchingUniquenessService(uniqueness, 32, Duration.ZERO, 128);
            AtomicInteger issued = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            AtomicBoolean stopping = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<CompletableFuture<Void>> producers = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int p = 0; p < PRODUCERS; p++) {
                    producers.add(CompletableFuture.runAsync(() -> {
                        while (!stopping.get()) {
                            int i = issued.incrementAndGet();
                            UniquenessService.Result result = batching.commit(List.of(state("load", i)),
                                    transactionId("load", i), Instant.now());
                            if (result instanceof UniquenessService.Committed) {
                                committed.incrementAndGet();
                            } else {
                                failures.add(transactionId("load", i) + ": " + result);
                            }
                        }
                    }, threads));
                }
                await(COMMITS_PER_PHASE + " commits", () -> committed.get() >= COMMITS_PER_PHASE);

                RaftNotaryReplica stopped = awaitLeader(cluster);
                stopped.stop();
                int committedAtStop = committed.get();
                await(COMMITS_PER_PHASE + " more commits without " + stopped.id(),
                        () -> committed.get() >= committedAtStop + COMMITS_PER_PHASE);
                stopping.set(true);
                CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }

            assertThat(failures).isEmpty();
            List<RaftNotaryReplica> survivors = cluster.replicas().stream().filter(RaftNotaryReplica::isRunning).toList();
            assertThat(survivors).hasSize(2);
            ReplicaSummary summary = awaitConverged(survivors);
            // Every caller's commit is there exactly once, those retried across the leader change included.
            assertThat(summary.transactionCount()).isEqualTo(issued.get());
            assertThat(summary.consumedStateCount()).isEqualTo(issued.get());
            assertThat(survivors).allSatisfy(replica -> IntStream.iterate(1, i -> i <= issued.get(), i -> i + 7)
                    .forEach(i -> assertThat(replica.consumerOf(state("load", i))).contains(transactionId("load", i))));
        }
    }

    @Test
    void withTwoReplicasDownNoCommitCompletesAndWhenOneReturnsTheyCompleteWithOneWinnerEverywhere() throws Exception {
        // The client is closed before the threads are waited for: a commit never gives up on its own, so after a
        // failed assertion only closing the client ends the commits still waiting, and the test fails, not hangs.
        try (RaftNotaryCluster cluster = startCluster();
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
             RaftUniquenessService uniqueness = cluster.connect(FAST_CLIENT)) {
            uniqueness.commit(CommitRequest.ofInputs(transactionId("quorum", 0), List.of(state("quorum", 0))));
            // Every replica holds that commit before two stop: Ratis does not count the vote of a replica whose log
            // is empty (it may have lost its storage), so a replica stopped before its first entry would come back
            // unable to help elect a leader, and the test would wait for a quorum that cannot form.
            awaitConverged(cluster.replicas());
            List<RaftNotaryReplica> stopped = cluster.replicas().subList(0, 2);
            stopped.forEach(RaftNotaryReplica::stop);
            StateRef contested = state("quorum", 1);

            CompletableFuture<CommitOutcome> first = CompletableFuture.supplyAsync(() -> uniqueness.commit(
                    CommitRequest.ofInputs(transactionId("quorum", 1), List.of(contested))), threads);
            CompletableFuture<CommitOutcome> second = CompletableFuture.supplyAsync(() -> uniqueness.commit(
                    CommitRequest.ofInputs(transactionId("quorum", 2), List.of(contested))), threads);
            AbandonedCommit abandoned = AbandonedCommit.start(() -> uniqueness.commit(
                    CommitRequest.ofInputs(transactionId("quorum", 3), List.of(state("quorum", 3)))));

            // Several election timeouts and client rounds: ample time for a wrongly completed commit to show.
            Thread.sleep(FAST.electionTimeoutMax().multipliedBy(5).toMillis());
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();
            // A caller that stops waiting interrupts; it is told, and the others wait on.
            abandoned.thread().interrupt();
            abandoned.thread().join(RaftNotaryTesting.PATIENCE.toMillis());
            assertThat(abandoned.failure()).isInstanceOf(CommitInterruptedException.class);

            stopped.get(0).start();
            List<CommitOutcome> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

            assertThat(outcomes).filteredOn(CommitOutcome.Committed.class::isInstance).hasSize(1);
            String winner = outcomes.get(0) instanceof CommitOutcome.Committed
                    ? transactionId("quorum", 1) : transactionId("quorum", 2);
            assertThat(outcomes).filteredOn(CommitOutcome.Conflict.class::isInstance)
                    .containsExactly(new CommitOutcome.Conflict(Map.of(contested, winner)));
            stopped.get(1).start();
            awaitConverged(cluster.replicas());
            assertThat(cluster.replicas()).allSatisfy(replica ->
                    assertThat(replica.consumerOf(contested)).contains(winner));
        }
    }

    @Test
    void aReplicaRestartedAfterTheOthersCompactedTheirLogsCatchesUpToTheSameCommits() {
        try (RaftNotaryCluster cluster = startCluster();
             RaftUniquenessService uniqueness = cluster.connect(FAST_CLIENT)) {
            uniqueness.commit(CommitRequest.ofInputs(transactionId("catch-up", 0), List.of(state("catch-up", 0))));
            RaftNotaryReplica behind = cluster.replicas().stream().filter(replica -> !replica.isLeader())
                    .findFirst().orElseThrow();
            awaitConverged(cluster.replicas());
            long behindLastEntry = behind.lastLogIndex();
            behind.stop();

            int commits = 10 * (int) FAST.snapshotEveryEntries();
            // One log entry per commit (no batching), from several callers at once.
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                IntStream.rangeClosed(1, commits).forEach(i -> threads.submit(() -> uniqueness.commit(
                        CommitRequest.ofInputs(transactionId("catch-up", i), List.of(state("catch-up", i))))));
            }
            List<RaftNotaryReplica> others = cluster.replicas().stream().filter(RaftNotaryReplica::isRunning).toList();
            // Past its last entry: the entries it misses are gone from every log, only a snapshot has them.
            await("the others compacted their logs past " + behind.id() + "'s last entry",
                    () -> others.stream().allMatch(replica -> replica.logStartIndex() > behindLastEntry + 1));
            behind.start();

            ReplicaSummary summary = awaitConverged(cluster.replicas());
            assertThat(summary.transactionCount()).isEqualTo(commits + 1);
            // The leader's snapshot, installed: nothing else could take it past the entries every log dropped.
            assertThat(behind.latestSnapshotIndex()).isGreaterThan(behindLastEntry);
            assertThat(behind.consumerOf(state("catch-up", commits))).contains(transactionId("catch-up", commits));

            // Leading, it decides as the others would have: a state spent before its snapshot stays spent.
            moveLeadershipTo(cluster, behind.id());
            assertThat(uniqueness.commit(CommitRequest.ofInputs(transactionId("catch-up-again", 0),
                    List.of(state("catch-up", 5))))).isEqualTo(new CommitOutcome.Conflict(
                    Map.of(state("catch-up", 5), transactionId("catch-up", 5))));
            assertThat(uniqueness.commit(CommitRequest.ofInputs(transactionId("catch-up", 5),
                    List.of(state("catch-up", 5))))).isInstanceOf(CommitOutcome.Committed.class);
        }
    }

    @Test
    void aClusterStoppedWholeAndStartedAgainOnItsFolderRemembersEveryCommit() {
        StateRef spent = state("restart", 0);
        try (RaftNotaryCluster cluster = startCluster();
             RaftUniquenessService uniqueness = cluster.connect(FAST_CLIENT)) {
            uniqueness.commit(CommitRequest.ofInputs(transactionId("restart", 1), List.of(spent)));
        }

        try (RaftNotaryCluster again = startCluster();
             RaftUniquenessService uniqueness = again.connect(FAST_CLIENT)) {
            CommitOutcome doubleSpend = uniqueness.commit(CommitRequest.ofInputs(transactionId("restart", 2),
                    List.of(spent)));

            assertThat(doubleSpend).isEqualTo(new CommitOutcome.Conflict(Map.of(spent, transactionId("restart", 1))));
            awaitConverged(again.replicas());
            assertThat(again.replicas()).allSatisfy(replica ->
                    assertThat(replica.consumerOf(spent)).contains(transactionId("restart", 1)));
        }
    }

    /** A thread running one commit, so the test can interrupt it and see how it ended. */
    private record AbandonedCommit(Thread thread, AtomicReference<Throwable> ending) {
        static AbandonedCommit start(Runnable commit) {
            AtomicReference<Throwable> ending = new AtomicReference<>();
            Thread thread = Thread.ofVirtual().name("abandoned-commit").start(() -> {
                try {
                    commit.run();
                } catch (RuntimeException e) {
                    ending.set(e);
                }
            });
            return new AbandonedCommit(thread, ending);
        }

        Throwable failure() {
            return ending.get();
        }
    }
}
