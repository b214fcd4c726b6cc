package io.clearline.flows.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotaryTest {
    private final LedgerCodecs codecs = TestTokens.codecs();
    private IdentityService identities;
    private JdbcUniquenessService uniqueness;
    private Notary notary;
    private Party alice;
    private Party bob;

    @BeforeEach
    void openLedger() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Jdbc jdbc = new Jdbc(h2);
        LedgerSchema.create(jdbc);
        identities = new IdentityService(jdbc, Clock.systemUTC());
        Party notaryParty = identities.getOrCreate("notary");
        alice = identities.getOrCreate("ALICE");
        bob = identities.getOrCreate("BOB");
        uniqueness = new JdbcUniquenessService(jdbc);
        notary = notaryWith(uniqueness);
    }

    private Notary notaryWith(UniquenessService service) {
        return new Notary(notary == null ? identities.getOrCreate("notary") : notary.identity(), identities, service,
                new TransactionVerifier(codecs), Clock.systemUTC());
    }

    private SignedTransaction spend(StateRef input, Party to) {
        return TestTokens.spend(codecs, identities, notary.identity(), alice, input, to);
    }

    @Test
    void theNotaryTellsWhetherItCommittedATransactionWithoutCommittingIt() {
        StateRef contested = new StateRef("d".repeat(64), 0);
        SignedTransaction toAlice = spend(contested, alice);
        SignedTransaction toBob = spend(contested, bob);
        Notary batching = notaryWith(new BatchingUniquenessService(uniqueness, 8, java.time.Duration.ofMillis(1), 16));

        assertThat(batching.commitmentOf(toAlice)).isEqualTo(UniquenessService.Commitment.NOT_COMMITTED);
        assertThat(batching.commitmentOf(toAlice)).as("asking commits nothing")
                .isEqualTo(UniquenessService.Commitment.NOT_COMMITTED);
        assertThat(batching.notarise(toAlice)).isInstanceOf(Notary.Notarised.class);

        assertThat(batching.commitmentOf(toAlice)).isEqualTo(UniquenessService.Commitment.COMMITTED);
        assertThat(batching.commitmentOf(toBob)).as("its input was consumed by another transaction")
                .isEqualTo(UniquenessService.Commitment.NOT_COMMITTED);
        assertThat(uniqueness.commitmentOf(List.of(), toAlice.id())).as("nothing is recorded without inputs")
                .isEqualTo(UniquenessService.Commitment.UNKNOWN);
        UniquenessService cannotTell = (inputs, transactionId, now) -> new UniquenessService.Committed();
        assertThat(notaryWith(cannotTell).commitmentOf(toAlice)).isEqualTo(UniquenessService.Commitment.UNKNOWN);
    }

    @Test
    void twoTransactionsSpendingOneStateInParallelOneWinsTheOtherSeesAConflictNamingTheState() throws Exception {
        StateRef contested = new StateRef("c".repeat(64), 0);
        SignedTransaction toAlice = spend(contested, alice);
        SignedTransaction toBob = spend(contested, bob);

        Notary.Result first;
        Notary.Result second;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Notary.Result> a = CompletableFuture.supplyAsync(() -> notary.notarise(toAlice), threads);
            CompletableFuture<Notary.Result> b = CompletableFuture.supplyAsync(() -> notary.notarise(toBob), threads);
            first = a.get();
            second = b.get();
        }

        List<Notary.Result> results = List.of(first, second);
        assertThat(results).filteredOn(Notary.Notarised.class::isInstance).hasSize(1);
        Notary.Refused refused = (Notary.Refused) results.stream().filter(Notary.Refused.class::isInstance)
                .findFirst().orElseThrow();
        String winner = first instanceof Notary.Notarised ? toAlice.id() : toBob.id();
        assertThat(refused.conflicts()).containsExactly(Map.entry(contested, winner));
        assertThat(refused.explanation()).contains(contested.encoded());
    }

    @Test
    void withinOneBatchTheFirstInBatchOrderWinsAndARepeatedRequestIsHarmless() {
        StateRef contested = new StateRef("a".repeat(64), 0);
        Instant now = Instant.now();
        UniquenessService.Request first = new UniquenessService.Request(List.of(contested), "1".repeat(64), now);
        UniquenessService.Request second = new UniquenessService.Request(List.of(contested), "2".repeat(64), now);

        List<UniquenessService.Result> results = uniqueness.commitBatch(List.of(first, second, first));

        assertThat(results.get(0)).isInstanceOf(UniquenessService.Committed.class);
        assertThat(results.get(1)).isEqualTo(new UniquenessService.Conflict(Map.of(contested, first.transactionId())));
        assertThat(results.get(2)).isInstanceOf(UniquenessService.Committed.class);
    }

    @Test
    void twoTransactionsSpendingOneStateInOneBatchOneWinsTheOtherSeesAConflictNamingTheState() throws Exception {
        // A batch of two that waits (far longer than needed) to fill: both requests surely share one batch.
        Notary batching = notaryWith(new BatchingUniquenessService(uniqueness, 2, Duration.ofMinutes(1), 2));
        StateRef contested = new StateRef("b".repeat(64), 0);
        SignedTransaction toAlice = spend(contested, alice);
        SignedTransaction toBob = spend(contested, bob);

        List<Notary.Result> results;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            CompletableFuture<Notary.Result> a = CompletableFuture.supplyAsync(() -> batching.notarise(toAlice), threads);
            CompletableFuture<Notary.Result> b = CompletableFuture.supplyAsync(() -> batching.notarise(toBob), threads);
            results = List.of(a.get(), b.get());
        }

        assertThat(results).filteredOn(Notary.Notarised.class::isInstance).hasSize(1);
        Notary.Refused refused = (Notary.Refused) results.stream().filter(Notary.Refused.class::isInstance)
                .findFirst().orElseThrow();
        String winner = results.get(0) instanceof Notary.Notarised ? toAlice.id() : toBob.id();
        assertThat(refused.conflicts()).containsExactly(Map.entry(contested, winner));
        // Re-notarising the winner afterwards (unbatched: a lone request would wait for a second one) is harmless.
        assertThat(notary.notarise(results.get(0) instanceof Notary.Notarised ? toAlice : toBob))
                .isInstanceOf(Notary.Notarised.class);
    }

    @Test
    void manyConcurrentRequestsAllGetAnswersAndEachStateIsConsumedOnce() throws Exception {
        int stateCount = 150;
        // A queue smaller than the number of callers, so back pressure is exercised too.
        Notary batching = notaryWith(new BatchingUniquenessService(uniqueness, 16, Duration.ZERO, 32));
        List<SignedTransaction> spends = new java.util.ArrayList<>();
        for (int i = 0; i < stateCount; i++) {
            StateRef ref = new StateRef(String.format("%064x", i), 0);
            spends.add(spend(ref, alice));
            spends.add(spend(ref, bob));
        }

        List<Notary.Result> results = new java.util.ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Notary.Result>> answers = spends.stream()
                    .map(stx -> CompletableFuture.supplyAsync(() -> batching.notarise(stx), threads)).toList();
            for (CompletableFuture<Notary.Result> answer : answers) {
                results.add(answer.get());
            }
        }

        assertThat(results).hasSize(2 * stateCount);
        assertThat(results).filteredOn(Notary.Notarised.class::isInstance).hasSize(stateCount);
        assertThat(results).filteredOn(Notary.Refused.class::isInstance)
                .allSatisfy(refused -> assertThat(((Notary.Refused) refused).conflicts()).hasSize(1));
    }

    @Test
    void aBatchOfTransactionsIsSignedOnceAndEveryMemberVerifiesWithItsProof() throws Exception {
        int batchSize = 5;
        // Waits (far longer than needed) for the batch to fill: all five surely share one signature.
        BatchNotarySigner signer = new BatchNotarySigner(identities, notary.identity(), batchSize,
                Duration.ofMinutes(1), batchSize);
        Notary batching = new Notary(notary.identity(), uniqueness, new TransactionVerifier(codecs), Clock.systemUTC(),
                signer);
        List<SignedTransaction> spends = new java.util.ArrayList<>();
        for (int i = 0; i < batchSize; i++) {
            spends.add(spend(new StateRef(String.format("%064x", 1_000 + i), 0), bob));
        }

        List<TransactionSignature> signatures = notariseAll(batching, spends);

        assertThat(signer.batchesSigned()).isEqualTo(1);
        assertThat(signatures).extracting(TransactionSignature::signatureBase64).containsOnly(
                signatures.get(0).signatureBase64());
        for (int i = 0; i < batchSize; i++) {
            SignedTransaction notarised = spends.get(i).withSignature(signatures.get(i));
            assertThat(signatures.get(i).kind()).isEqualTo(TransactionSignature.Kind.BATCH);
            assertThat(signatures.get(i).by()).isEqualTo(notary.identity().publicKey());
            new TransactionVerifier(codecs).verifySignatures(notarised, Set.of());
            // The proof survives storage.
            assertThat(codecs.deserialize(codecs.serialize(notarised)).signatures()).isEqualTo(notarised.signatures());
        }
    }

    @Test
    void aBatchSignatureDoesNotVerifyATransactionWithAProofFromAnotherBatch() throws Exception {
        BatchNotarySigner signer = new BatchNotarySigner(identities, notary.identity(), 2, Duration.ofMinutes(1), 2);
        Notary batching = new Notary(notary.identity(), uniqueness, new TransactionVerifier(codecs), Clock.systemUTC(),
                signer);
        List<SignedTransaction> first = List.of(spend(new StateRef("7".repeat(64), 0), bob),
                spend(new StateRef("7".repeat(64), 1), bob));
        List<SignedTransaction> second = List.of(spend(new StateRef("8".repeat(64), 0), bob),
                spend(new StateRef("8".repeat(64), 1), bob));
        TransactionSignature ofFirst = notariseAll(batching, first).get(0);
        TransactionSignature ofSecond = notariseAll(batching, second).get(0);

        assertThat(ofFirst.verifies(first.get(0).id())).isTrue();
        // The first batch's signature with the second batch's proof: the proof leads to another root.
        assertThat(ofFirst.withBatchProof(ofSecond.batchProof()).verifies(second.get(0).id())).isFalse();
        assertThat(ofFirst.verifies(second.get(0).id())).isFalse();
        assertThat(ofFirst.withBatchProof(ofSecond.batchProof()).verifies(first.get(0).id())).isFalse();
        assertThatThrownBy(() -> new TransactionVerifier(codecs).verifySignatures(
                second.get(0).withSignature(ofFirst.withBatchProof(ofSecond.batchProof())), Set.of()))
                .isInstanceOf(SignatureException.class).hasMessageContaining("invalid signature");
    }

    private static List<TransactionSignature> notariseAll(Notary batching, List<SignedTransaction> spends)
            throws Exception {
        List<TransactionSignature> signatures = new java.util.ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<CompletableFuture<Notary.Result>> answers = spends.stream()
                    .map(stx -> CompletableFuture.supplyAsync(() -> batching.notarise(stx), threads)).toList();
            for (CompletableFuture<Notary.Result> answer : answers) {
                signatures.add(((Notary.Notarised) answer.get()).signature());
            }
        }
        return signatures;
    }

    @Test
    void notarisingTheSameTransactionAgainIsHarmless() {
        SignedTransaction stx = spend(new StateRef("d".repeat(64), 3), bob);

        Notary.Result first = notary.notarise(stx);
        Notary.Result again = notary.notarise(stx);

        assertThat(first).isInstanceOf(Notary.Notarised.class);
        assertThat(again).isInstanceOf(Notary.Notarised.class);
        assertThat(((Notary.Notarised) again).signature().verifies(stx.id())).isTrue();
    }

    @Test
    void theNotaryRefusesOutsideTheTimeWindow() {
        WireTransaction late = new WireTransaction(List.of(new StateRef("e".repeat(64), 0)), List.of(),
                List.of(new Command(TestTokens.TokenCommand.MOVE, List.of(alice.publicKey()))), notary.identity(),
                TimeWindow.until(java.time.Instant.parse("2020-01-01T00:00:00Z")),
                Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = codecs.unsigned(late);

        Notary.Result result = notary.notarise(stx.withSignature(identities.sign(alice, stx.id())));

        assertThat(result).isInstanceOf(Notary.Refused.class);
        assertThat(((Notary.Refused) result).explanation()).contains("outside its time window");
    }

    @Test
    void aTransactionIdIsAHashOfItsContentAndSurvivesStorage() {
        SignedTransaction stx = spend(new StateRef("f".repeat(64), 1), bob);

        SignedTransaction read = codecs.deserialize(codecs.serialize(stx));

        assertThat(read.id()).isEqualTo(stx.id()).isEqualTo(codecs.transactionId(stx.tx()));
        assertThat(read.tx()).isEqualTo(stx.tx());
        assertThat(read.signatures()).isEqualTo(stx.signatures());
    }

    @Test
    void keysSurviveARestartAndAreComparedByValue() {
        Party again = identities.getOrCreate("ALICE");
        assertThat(again).isEqualTo(alice);
        assertThat(new PublicKey(alice.publicKey().encoded())).isEqualTo(alice.publicKey());
    }

    @Test
    void aNotaryWhoseClusterSignsPassesOnTheClustersSignatureAndRefusesOneByAnotherKey() {
        Ed25519.GeneratedKeyPair serviceKey = Ed25519.generate();
        Party clusterNotary = identities.knowRemote("cluster-notary", serviceKey.publicKey());
        byte[] otherKey = Ed25519.generate().privateKey();
        UniquenessService signedByService = (inputs, id, now) -> new UniquenessService.Committed(
                TransactionSignature.of(serviceKey.publicKey(), Ed25519.sign(serviceKey.privateKey(), id)));
        UniquenessService signedByAnother = (inputs, id, now) -> new UniquenessService.Committed(
                TransactionSignature.of(Ed25519.publicKeyOf(otherKey), Ed25519.sign(otherKey, id)));
        SignedTransaction stx = TestTokens.spend(codecs, identities, clusterNotary, alice,
                new StateRef("d".repeat(64), 0), bob);

        Notary.Notarised notarised = (Notary.Notarised) new Notary(clusterNotary, signedByService,
                new TransactionVerifier(codecs), Clock.systemUTC(), NotarySigner.heldByCluster(clusterNotary))
                .notarise(stx);
        assertThat(notarised.signature().by()).isEqualTo(serviceKey.publicKey());
        assertThat(notarised.signature().verifies(stx.id())).isTrue();

        assertThatThrownBy(() -> new Notary(clusterNotary, signedByAnother, new TransactionVerifier(codecs),
                Clock.systemUTC(), NotarySigner.heldByCluster(clusterNotary)).notarise(stx))
                .isInstanceOf(SignatureException.class).hasMessageContaining("not the notary's key");
        // An unsigned answer would need a notary key this node does not hold.
        assertThatThrownBy(() -> new Notary(clusterNotary, uniqueness, new TransactionVerifier(codecs),
                Clock.systemUTC(), NotarySigner.heldByCluster(clusterNotary)).notarise(stx))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds no private key");
    }

    @Test
    void anIdentityKnownByItsPublicKeyOnlyIsFoundButNeverSignsAndCannotReplaceAKeyPairHeldHere() {
        PublicKey clusterKey = Ed25519.generate().publicKey();
        Party remote = identities.knowRemote("cluster-notary", clusterKey);

        assertThat(identities.find("cluster-notary")).contains(remote);
        assertThat(identities.partyOf(clusterKey)).contains(remote);
        assertThat(identities.getOrCreate("cluster-notary")).isEqualTo(remote);
        assertThatThrownBy(() -> identities.sign(remote, "1".repeat(64)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("held elsewhere");
        assertThatThrownBy(() -> identities.knowRemote("notary", clusterKey))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("holds its own key pair for 'notary'");
    }
}
