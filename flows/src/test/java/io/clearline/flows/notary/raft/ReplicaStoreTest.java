package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TimeWindow;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules one replica applies to a log entry, and its snapshots, without Raft around them. */
class ReplicaStoreTest {
    private static final Instant LEADER_TIME = Instant.parse("2025-03-14T09:00:00Z");

    private static final String GROUP = UUID.randomUUID().toString();

    private final ReplicaStore store = ReplicaStore.open(inMemoryDatabase(), GROUP);
    private final ReplicaStore other = ReplicaStore.open(inMemoryDatabase(), GROUP);

    @AfterEach
    void closeStores() {
        store.close();
        other.close();
    }

    @Test
    void aDatabaseOfAnotherClusterIsRefusedSinceItsLogIndexesMeanNothingHere() {
        JdbcDataSource database = inMemoryDatabase();
        ReplicaStore.open(database, GROUP).close();

        assertThatThrownBy(() -> ReplicaStore.open(database, "another-group"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Raft group " + GROUP);
    }

    private static JdbcDataSource inMemoryDatabase() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private static NotaryLogEntry entry(CommitRequest... requests) {
        return new NotaryLogEntry(LEADER_TIME, List.of(requests));
    }

    private static CommitRequest spend(String transactionId, StateRef... inputs) {
        return CommitRequest.ofInputs(transactionId, List.of(inputs));
    }

    @Test
    void withinAnEntryTheFirstClaimOnAStateWinsAndARepeatedRequestIsHarmless() {
        StateRef contested = state("contested", 0);

        List<CommitOutcome> outcomes = store.apply(1, entry(spend("A", contested), spend("B", contested),
                spend("A", contested)));

        assertThat(outcomes).containsExactly(new CommitOutcome.Committed(LEADER_TIME),
                new CommitOutcome.Conflict(Map.of(contested, "A")), new CommitOutcome.Committed(LEADER_TIME));
        assertThat(store.consumerOf(contested)).contains("A");
    }

    @Test
    void aConflictNamesOnlyTheStatesConsumedElsewhereAndConsumesNothing() {
        StateRef spent = state("spent", 0);
        StateRef free = state("free", 0);
        store.apply(1, entry(spend("A", spent)));

        List<CommitOutcome> outcomes = store.apply(2, entry(spend("B", free, spent)));

        assertThat(outcomes).containsExactly(new CommitOutcome.Conflict(Map.of(spent, "A")));
        assertThat(store.consumerOf(free)).isEmpty();
    }

    @Test
    void aReferencedStateMustBeUnconsumedAndIsNotConsumedByTheReference() {
        StateRef spent = state("spent", 0);
        StateRef rate = state("rate", 0);
        store.apply(1, entry(spend("A", spent)));

        List<CommitOutcome> outcomes = store.apply(2, entry(
                new CommitRequest("B", List.of(), List.of(spent), null),
                new CommitRequest("C", List.of(state("input", 0)), List.of(rate), null)));

        assertThat(outcomes).containsExactly(new CommitOutcome.Conflict(Map.of(spent, "A")),
                new CommitOutcome.Committed(LEADER_TIME));
        assertThat(store.consumerOf(rate)).isEmpty();
    }

    @Test
    void aTimeWindowIsJudgedByTheLeadersTimeInTheEntryAndARefusalConsumesNothing() {
        StateRef input = state("windowed", 0);
        TimeWindow passed = TimeWindow.until(LEADER_TIME);
        TimeWindow open = new TimeWindow(LEADER_TIME, LEADER_TIME.plus(Duration.ofMinutes(1)));

        List<CommitOutcome> outcomes = store.apply(1, entry(new CommitRequest("late", List.of(input), List.of(), passed),
                new CommitRequest("onTime", List.of(input), List.of(), open)));

        assertThat(outcomes).containsExactly(new CommitOutcome.OutsideTimeWindow(LEADER_TIME),
                new CommitOutcome.Committed(LEADER_TIME));
        assertThat(store.consumerOf(input)).contains("onTime");
    }

    @Test
    void aCommittedTransactionAskedAgainAfterItsTimeWindowIsAnsweredCommittedAtItsFirstTime() {
        StateRef input = state("renotarised", 0);
        CommitRequest request = new CommitRequest("A", List.of(input), List.of(),
                TimeWindow.until(LEADER_TIME.plusSeconds(1)));
        store.apply(1, entry(request));

        List<CommitOutcome> again = store.apply(2, new NotaryLogEntry(LEADER_TIME.plusSeconds(60), List.of(request)));

        assertThat(again).containsExactly(new CommitOutcome.Committed(LEADER_TIME));
    }

    @Test
    void anEntryAtOrBelowTheAppliedIndexIsAReplayAndWritesNothing() {
        store.apply(5, entry(spend("A", state("a", 0))));
        ReplicaSummary before = store.summary();

        store.apply(5, entry(spend("A", state("a", 0))));
        List<CommitOutcome> replayed = store.apply(3, entry(spend("B", state("b", 0))));

        assertThat(replayed).containsExactly(new CommitOutcome.Committed(LEADER_TIME));
        assertThat(store.summary()).isEqualTo(before);
        assertThat(store.consumerOf(state("b", 0))).isEmpty();
        assertThat(store.appliedIndex()).isEqualTo(5);
    }

    @Test
    void aSnapshotLoadedIntoAnotherReplicaGivesItTheSameCommitsAndAppliedIndex(@TempDir Path folder) throws Exception {
        for (int i = 0; i < 25; i++) {
            store.apply(i + 1, entry(spend("tx-" + i, state("s", i), state("t", i))));
        }
        Path snapshot = folder.resolve("snapshot");

        long snapshotIndex = store.writeSnapshot(snapshot);
        boolean loaded = other.loadSnapshotIfNewer(snapshot);

        assertThat(snapshotIndex).isEqualTo(25);
        assertThat(loaded).isTrue();
        assertThat(other.summary()).isEqualTo(store.summary());
        assertThat(other.summary().consumedStateCount()).isEqualTo(50);
        assertThat(other.apply(26, entry(spend("late", state("t", 7)))))
                .containsExactly(new CommitOutcome.Conflict(Map.of(state("t", 7), "tx-7")));
    }

    @Test
    void aSnapshotOlderThanTheDatabaseIsNotLoaded(@TempDir Path folder) throws Exception {
        store.apply(1, entry(spend("old", state("o", 0))));
        Path snapshot = folder.resolve("snapshot");
        store.writeSnapshot(snapshot);
        other.apply(1, entry(spend("old", state("o", 0))));
        other.apply(2, entry(spend("new", state("n", 0))));

        assertThat(other.loadSnapshotIfNewer(snapshot)).isFalse();
        assertThat(other.consumerOf(state("n", 0))).contains("new");
    }

    @Test
    void replicasThatAppliedTheSameEntriesHaveEqualSummariesAndOneMoreEntryChangesTheDigest() {
        for (ReplicaStore replica : List.of(store, other)) {
            replica.apply(1, entry(spend("A", state("a", 0)), spend("B", state("b", 0))));
        }
        ReplicaSummary same = store.summary();
        assertThat(other.summary()).isEqualTo(same);

        other.apply(2, entry(spend("C", state("c", 0))));

        assertThat(other.summary().digest()).isNotEqualTo(same.digest());
    }
}
