package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST_CLIENT;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.awaitConverged;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.awaitLeader;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.h2Files;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.transactionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.LedgerSchema;
import io.clearline.flows.ledger.Notary;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TestTokens;
import io.clearline.flows.ledger.TimeWindow;
import io.clearline.flows.ledger.TransactionVerifier;
import io.clearline.flows.ledger.UniquenessService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** A healthy three-replica cluster on loopback, shared by these tests (each uses its own states). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RaftNotaryClusterTest {
    @TempDir
    static Path folder;

    private final Map<String, RaftNotaryTesting.SettableClock> clocks = new HashMap<>();
    private RaftNotaryCluster cluster;
    private RaftUniquenessService uniqueness;

    @BeforeAll
    void startCluster() {
        cluster = RaftNotaryCluster.start(3, folder, h2Files(),
                id -> clocks.computeIfAbsent(id, ignored -> new RaftNotaryTesting.SettableClock()), FAST);
        uniqueness = cluster.connect(FAST_CLIENT);
    }

    @AfterAll
    void stopCluster() {
        uniqueness.close();
        cluster.close();
    }

    @Test
    void anInputConsumedByAnotherTransactionIsAConflictNamingTheStateAndItsConsumer() {
        StateRef contested = state("double-spend", 0);
        StateRef untouched = state("double-spend", 1);

        CommitOutcome first = uniqueness.commit(CommitRequest.ofInputs(transactionId("double-spend", 1),
                List.of(contested)));
        CommitOutcome second = uniqueness.commit(CommitRequest.ofInputs(transactionId("double-spend", 2),
                List.of(untouched, contested)));

        assertThat(first).isInstanceOf(CommitOutcome.Committed.class);
        assertThat(second).isEqualTo(new CommitOutcome.Conflict(Map.of(contested, transactionId("double-spend", 1))));
        awaitConverged(cluster.replicas());
        assertThat(cluster.replicas()).allSatisfy(replica -> {
            assertThat(replica.consumerOf(contested)).contains(transactionId("double-spend", 1));
            assertThat(replica.consumerOf(untouched)).isEmpty();
        });
    }

    @Test
    void notarisingTheSameTransactionAgainIsHarmlessAndAnsweredWithItsFirstCommitTime() {
        CommitRequest request = CommitRequest.ofInputs(transactionId("again", 1), List.of(state("again", 0)));

        CommitOutcome first = uniqueness.commit(request);
        CommitOutcome second = uniqueness.commit(request);

        assertThat(first).isInstanceOf(CommitOutcome.Committed.class);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void aReferencedStateConsumedElsewhereIsAConflict() {
        StateRef spent = state("reference", 0);
        uniqueness.commit(CommitRequest.ofInputs(transactionId("reference", 1), List.of(spent)));

        CommitOutcome referencing = uniqueness.commit(new CommitRequest(transactionId("reference", 2),
                List.of(state("reference", 1)), List.of(spent), null));

        assertThat(referencing).isEqualTo(new CommitOutcome.Conflict(Map.of(spent, transactionId("reference", 1))));
    }

    @Test
    void aTimeWindowIsJudgedByTheLeadersTimeWrittenInTheLogNeverByAReplicasOwnClock() {
        Instant leaderTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(Duration.ofDays(3));
        RaftNotaryReplica leader = awaitLeader(cluster);
        // Followers' clocks are a day later: had any replica judged by its own clock, they would disagree.
        clocks.forEach((id, clock) -> clock.set(id.equals(leader.id()) ? leaderTime : leaderTime.plus(Duration.ofDays(1))));
        StateRef late = state("window", 0);
        StateRef onTime = state("window", 1);
        try {
            CommitOutcome refused = uniqueness.commit(new CommitRequest(transactionId("window", 1), List.of(late),
                    List.of(), TimeWindow.until(leaderTime.minusSeconds(1))));
            CommitOutcome accepted = uniqueness.commit(new CommitRequest(transactionId("window", 2), List.of(onTime),
                    List.of(), new TimeWindow(leaderTime.minusSeconds(60), leaderTime.plusSeconds(60))));

            assertThat(refused).isEqualTo(new CommitOutcome.OutsideTimeWindow(leaderTime));
            assertThat(accepted).isEqualTo(new CommitOutcome.Committed(leaderTime));
        } finally {
            clocks.values().forEach(RaftNotaryTesting.SettableClock::followSystem);
        }
        awaitConverged(cluster.replicas());
        assertThat(cluster.replicas()).allSatisfy(replica -> {
            assertThat(replica.consumerOf(late)).isEmpty();
            assertThat(replica.consumerOf(onTime)).contains(transactionId("window", 2));
        });
    }

    @Test
    void theUniquenessServiceContractHoldsForBatchesDecidedInOneLogEntry() {
        StateRef contested = state("batch", 0);
        List<UniquenessService.Request> batch = List.of(
                new UniquenessService.Request(List.of(contested), transactionId("batch", 1), Instant.now()),
                new UniquenessService.Request(List.of(contested), transactionId("batch", 2), Instant.now()),
                new UniquenessService.Request(List.of(contested), transactionId("batch", 1), Instant.now()));

        List<UniquenessService.Result> results = uniqueness.commitBatch(batch);

        assertThat(results).containsExactly(new UniquenessService.Committed(),
                new UniquenessService.Conflict(Map.of(contested, transactionId("batch", 1))),
                new UniquenessService.Committed());
    }

    @Test
    void theNotaryBackedByTheClusterSignsAWinnerRefusesADoubleSpendNamingTheStateAndSignsTheWinnerAgain() {
        JdbcDataSource ledgerDatabase = new JdbcDataSource();
        ledgerDatabase.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Jdbc jdbc = new Jdbc(ledgerDatabase);
        LedgerSchema.create(jdbc);
        IdentityService identities = new IdentityService(jdbc, Clock.systemUTC());
        Party notaryParty = identities.getOrCreate("notary");
        Party alice = identities.getOrCreate("ALICE");
        Party bob = identities.getOrCreate("BOB");
        LedgerCodecs codecs = TestTokens.codecs();
        Notary notary = new Notary(notaryParty, identities, uniqueness, new TransactionVerifier(codecs),
                Clock.systemUTC());
        StateRef contested = state("notary", 0);
        SignedTransaction toBob = TestTokens.spend(codecs, identities, notaryParty, alice, contested, bob);
        SignedTransaction toAlice = TestTokens.spend(codecs, identities, notaryParty, alice, contested, alice);

        Notary.Result first = notary.notarise(toBob);
        Notary.Result second = notary.notarise(toAlice);
        Notary.Result again = notary.notarise(toBob);

        assertThat(first).isInstanceOfSatisfying(Notary.Notarised.class, notarised -> {
            assertThat(notarised.signature().by()).isEqualTo(notaryParty.publicKey());
            assertThat(notarised.signature().verifies(toBob.id())).isTrue();
        });
        assertThat(second).isInstanceOfSatisfying(Notary.Refused.class,
                refused -> assertThat(refused.conflicts()).containsExactly(Map.entry(contested, toBob.id())));
        assertThat(again).isInstanceOf(Notary.Notarised.class);
        awaitConverged(cluster.replicas());
        assertThat(cluster.replicas()).allSatisfy(replica -> assertThat(replica.consumerOf(contested)).contains(toBob.id()));
    }
}
