package io.clearline.flows.notary.raft;

import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.FAST_CLIENT;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.h2Files;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.moveLeadershipTo;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.state;
import static io.clearline.flows.notary.raft.RaftNotaryTesting.transactionId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.ledger.TransactionSignature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster signs what it commits with its service key; its client refuses any other signature. */
class RaftNotaryServiceKeyTest {
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
    void everyCommittedTransactionOfAnEntryGetsTheServiceSignatureAndAConflictNone() {
        NotaryServiceKey serviceKey = NotaryServiceKey.generate();
        cluster = RaftNotaryCluster.start(1, folder, h2Files(), replica -> Clock.systemUTC(), FAST,
                replica -> serviceKey);
        client = cluster.connect(FAST_CLIENT, serviceKey.publicKey());

        List<CommitOutcome> outcomes = client.commitAll(List.of(
                CommitRequest.ofInputs(transactionId("s", 0), List.of(state("s", 0))),
                CommitRequest.ofInputs(transactionId("s", 1), List.of(state("s", 0))),
                CommitRequest.ofInputs(transactionId("s", 2), List.of(state("s", 2))),
                CommitRequest.ofInputs(transactionId("s", 3), List.of(state("s", 3)))));

        assertThat(outcomes.get(1)).isInstanceOf(CommitOutcome.Conflict.class);
        for (int committed : new int[] {0, 2, 3}) {
            TransactionSignature signature = ((CommitOutcome.Committed) outcomes.get(committed)).notarySignature();
            assertThat(signature.by()).isEqualTo(serviceKey.publicKey());
            assertThat(signature.kind()).isEqualTo(TransactionSignature.Kind.BATCH);
            assertThat(signature.verifies(transactionId("s", committed))).isTrue();
            assertThat(signature.verifies(transactionId("s", 1))).isFalse();
        }
    }

    @Test
    void aLeaderGivenAnotherKeyIsRefusedAndTheCommitIsSignedOnceAReplicaWithTheServiceKeyLeads() {
        NotaryServiceKey serviceKey = NotaryServiceKey.generate();
        NotaryServiceKey wrongKey = NotaryServiceKey.generate();
        cluster = RaftNotaryCluster.start(3, folder, h2Files(), replica -> Clock.systemUTC(), FAST,
                replica -> replica.equals("notary-0") ? wrongKey : serviceKey);
        client = cluster.connect(FAST_CLIENT, serviceKey.publicKey());
        CommitRequest request = CommitRequest.ofInputs(transactionId("w", 0), List.of(state("w", 0)));

        moveLeadershipTo(cluster, "notary-0");
        assertThatThrownBy(() -> client.commit(request))
                .isInstanceOfSatisfying(NotarySignatureRefusedException.class,
                        refused -> assertThat(refused.replicaId()).isEqualTo("notary-0"))
                .hasMessageContaining(wrongKey.publicKey().base64())
                .hasMessageContaining(serviceKey.publicKey().base64())
                .hasMessageContaining("refused");

        // The cluster did decide; asked again through a replica with the right key, it answers the same, signed.
        moveLeadershipTo(cluster, "notary-1");
        CommitOutcome.Committed committed = (CommitOutcome.Committed) client.commit(request);
        assertThat(committed.notarySignature().by()).isEqualTo(serviceKey.publicKey());
        assertThat(committed.notarySignature().verifies(request.transactionId())).isTrue();
    }

    @Test
    void aReplicaGivenNoServiceKeyAnswersUnsignedAndIsRefusedByAClientThatRequiresTheKey() {
        NotaryServiceKey serviceKey = NotaryServiceKey.generate();
        cluster = RaftNotaryCluster.start(1, folder, h2Files(), replica -> Clock.systemUTC(), FAST);
        client = cluster.connect(FAST_CLIENT, serviceKey.publicKey());

        assertThatThrownBy(() -> client.commit(CommitRequest.ofInputs(transactionId("u", 0), List.of(state("u", 0)))))
                .isInstanceOf(NotarySignatureRefusedException.class)
                .hasMessageContaining("without the notary service's signature");
    }

    @Test
    void aKeyFileReadsBackAsWrittenIsNeverOverwrittenAndAnythingElseIsRefusedClearly() throws IOException {
        NotaryServiceKey key = NotaryServiceKey.generate();
        Path file = folder.resolve("keys").resolve("notary-service.key");
        key.write(file);

        assertThat(NotaryServiceKey.load(file)).isEqualTo(key);
        assertThat(NotaryServiceKey.load(file).publicKey()).isEqualTo(key.publicKey());
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        assertThatThrownBy(() -> NotaryServiceKey.generate().write(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("never overwritten");
        assertThatThrownBy(() -> NotaryServiceKey.load(folder.resolve("missing.key")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no notary service key file");
        Path notAKey = Files.writeString(folder.resolve("not-a.key"), "hello");
        assertThatThrownBy(() -> NotaryServiceKey.load(notAKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a notary service key file");
        assertThat(key.toString()).doesNotContain(Files.readString(file).strip());
    }
}
