package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST_CLIENT;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.awaitLeader;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.h2Files;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.moveLeadershipTo;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.transactionId;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService.Commitment;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery asks the cluster whether a killed flow's transaction was committed, to finish it if it was and
 * delete it if it was not: the cluster answers from the leader's applied state, read-only.
 */
class RaftNotaryCommitmentTest {
    @TempDir
    Path folder;

    private RaftNotaryCluster cluster;
    private RaftUniquenessService client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aCommittedTransactionIsCommittedOneNeverAskedForIsNotAndOneWithoutInputsIsUnknown() {
        cluster = RaftNotaryCluster.start(3, folder, h2Files(), replica -> Clock.systemUTC(), FAST);
        client = cluster.connect(FAST_CLIENT);
        List<StateRef> inputs = List.of(state("c", 0), state("c", 1));
        assertThat(client.commit(CommitRequest.ofInputs(transactionId("c", 0), inputs)))
                .isInstanceOf(CommitOutcome.Committed.class);

        assertThat(client.commitmentOf(inputs, transactionId("c", 0))).isEqualTo(Commitment.COMMITTED);
        // The same inputs asked about by another transaction: that one consumed nothing.
        assertThat(client.commitmentOf(inputs, transactionId("c", 1))).isEqualTo(Commitment.NOT_COMMITTED);
        assertThat(client.commitmentOf(List.of(state("c", 2)), transactionId("c", 2)))
                .isEqualTo(Commitment.NOT_COMMITTED);
        assertThat(client.commitmentOf(List.of(), transactionId("c", 3))).isEqualTo(Commitment.UNKNOWN);
        // Asking commits nothing: the inputs asked about are still free for the transaction that asks.
        assertThat(client.commit(CommitRequest.ofInputs(transactionId("c", 2), List.of(state("c", 2)))))
                .isInstanceOf(CommitOutcome.Committed.class);
    }

    @Test
    void aNewLeaderAnswersForWhatTheOldOneCommitted() {
        cluster = RaftNotaryCluster.start(3, folder, h2Files(), replica -> Clock.systemUTC(), FAST);
        client = cluster.connect(FAST_CLIENT);
        List<StateRef> inputs = List.of(state("l", 0));
        String first = awaitLeader(cluster).id();
        assertThat(client.commit(CommitRequest.ofInputs(transactionId("l", 0), inputs)))
                .isInstanceOf(CommitOutcome.Committed.class);

        String next = cluster.replicas().stream().map(RaftNotaryReplica::id).filter(id -> !id.equals(first))
                .findFirst().orElseThrow();
        moveLeadershipTo(cluster, next);

        assertThat(client.commitmentOf(inputs, transactionId("l", 0))).isEqualTo(Commitment.COMMITTED);
    }
}
