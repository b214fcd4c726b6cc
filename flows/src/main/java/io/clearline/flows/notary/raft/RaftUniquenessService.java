package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.BatchProof;
import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.ledger.UniquenessService;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The uniqueness service of a Raft notary cluster, as its clients (the notary's front, or a
 * {@link BatchingUniquenessService} in front of it) see it.
 *
 * <p>Signing: given the notary's service public key, it requires every answer that commits to carry
 * the cluster's signature over the committed ids ({@link NotaryServiceKey}), verifies it (one Ed25519
 * verification per log entry) and hands each committed transaction its batch signature, so the node
 * needs no notary private key. An answer signed by another key, or not signed, is refused with a
 * {@link NotarySignatureRefusedException} naming the replica. Without a service public key it only
 * decides, and {@link io.clearline.flows.ledger.Notary} signs with its own key.
 *
 * <pre>{@code
 * try (RaftUniquenessService uniqueness = new RaftUniquenessService(group, Limits.DEFAULTS)) {
 *     CommitOutcome outcome = uniqueness.commit(new CommitRequest(id, inputs, references, timeWindow));
 * }
 * }</pre>
 *
 * <p>Finding the leader and retrying: each round sends the request to the replica believed to lead;
 * a replica that does not lead names the one that does, one that does not answer is replaced by
 * another, up to {@link Limits#sendsPerRound} sends of at most {@link Limits#sendTimeout} each. Then
 * it waits (from {@link Limits#backoffMin}, doubling up to {@link Limits#backoffMax}, with jitter)
 * and starts another round.
 *
 * <p>WARNING: it never gives up on its own (DESIGN.md: the notary's clients never do) — while no
 * quorum is up, a commit waits, however long that takes. A caller that must stop waiting interrupts
 * the thread, and gets a {@link CommitInterruptedException}. Repeating a request is always safe: a
 * transaction the cluster committed before is answered as committed again.
 *
 * <p>The {@code now} of {@link UniquenessService#commit} is not used: the cluster records the
 * leader's time, the only clock all replicas agree on.
 */
public final class RaftUniquenessService implements UniquenessService, BatchingUniquenessService.BatchCommitter,
        AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RaftUniquenessService.class);

    /**
     * @param sendTimeout   one send to one replica waits this long for its answer at most
     * @param sendsPerRound sends (following leader hints, trying other replicas) before backing off
     * @param backoffMin    the wait after the first unsuccessful round
     * @param backoffMax    the longest wait between rounds; there is no limit on the number of rounds
     */
    public record Limits(Duration sendTimeout, int sendsPerRound, Duration backoffMin, Duration backoffMax) {
        /** Suits a cluster whose elections take 1 to 2 s ({@link RaftNotarySettings#DEFAULTS}). */
        public static final Limits DEFAULTS = new Limits(Duration.ofSeconds(5), 6, Duration.ofMillis(50),
                Duration.ofSeconds(2));

        public Limits {
            Objects.requireNonNull(sendTimeout, "sendTimeout");
            Objects.requireNonNull(backoffMin, "backoffMin");
            Objects.requireNonNull(backoffMax, "backoffMax");
            if (sendTimeout.toMillis() < 1 || sendsPerRound < 1 || backoffMin.toMillis() < 1
                    || backoffMax.compareTo(backoffMin) < 0) {
                throw new IllegalArgumentException("limits are positive and backoffMin <= backoffMax");
            }
        }
    }

    private final RaftClient client;
    private final Limits limits;
    /** Null: answers are not required to be signed (the node signs with its own notary key). */
    private final PublicKey servicePublicKey;
    private volatile boolean closed;

    /** A client that only decides: the caller signs with the notary's own key. */
    public RaftUniquenessService(RaftGroup group, Limits limits) {
        this(group, limits, null);
    }

    /**
     * @param servicePublicKey the notary party's key: every committing answer must be signed by it; null
     *                         for a client that only decides
     */
    public RaftUniquenessService(RaftGroup group, Limits limits, PublicKey servicePublicKey) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.servicePublicKey = servicePublicKey;
        RaftProperties properties = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties,
                TimeDuration.valueOf(limits.sendTimeout().toMillis(), TimeUnit.MILLISECONDS));
        this.client = RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(Objects.requireNonNull(group, "group"))
                .setProperties(properties)
                // Within a round, Ratis follows leader hints and moves on from replicas that do not answer.
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(limits.sendsPerRound(),
                        TimeDuration.valueOf(limits.backoffMin().toMillis(), TimeUnit.MILLISECONDS)))
                .build();
    }

    /**
     * Decides one request; see the class comment for how it waits.
     *
     * @throws CommitInterruptedException if the caller interrupts the wait
     * @throws IllegalStateException      if this service is closed, or the cluster refuses the message as
     *                                    malformed (a version mismatch or a bug: never retried)
     * @throws NotarySignatureRefusedException if a service key is required and the answering replica's
     *                                    signature is not by it (a replica given the wrong key file)
     */
    public CommitOutcome commit(CommitRequest request) {
        return commitAll(List.of(request)).get(0);
    }

    /**
     * Decides the requests in order, the first claim on a state winning; one outcome per request.
     * Requests that fit go in one log entry; more are split into consecutive entries, in order.
     */
    public List<CommitOutcome> commitAll(List<CommitRequest> requests) {
        List<CommitOutcome> outcomes = new ArrayList<>(requests.size());
        for (List<CommitRequest> entry : splitIntoEntries(requests)) {
            List<CommitOutcome> decided = send(entry);
            if (decided.size() != entry.size()) {
                throw new IllegalStateException("the cluster answered " + decided.size() + " outcomes to "
                        + entry.size() + " requests");
            }
            outcomes.addAll(decided);
        }
        return outcomes;
    }

    @Override
    public Result commit(List<StateRef> inputs, String transactionId, Instant now) {
        return commitBatch(List.of(new Request(inputs, transactionId, now))).get(0);
    }

    @Override
    public List<Result> commitBatch(List<Request> requests) {
        List<CommitRequest> claims = requests.stream()
                .map(request -> CommitRequest.ofInputs(request.transactionId(), request.inputs())).toList();
        return commitAll(claims).stream().map(RaftUniquenessService::asResult).toList();
    }

    /**
     * Asks the cluster's leader, read-only and linearizably, whether the transaction consumed its inputs.
     * Unlike a commit it gives up after one round (Ratis follows leader hints and tries other replicas
     * within it): recovery asks this only to choose between finishing and deleting a killed flow's
     * transaction, and {@link Commitment#UNKNOWN} makes it finish the transaction (notarising again is
     * harmless), as it did before it could ask.
     */
    @Override
    public Commitment commitmentOf(List<StateRef> inputs, String transactionId) {
        requireOpen();
        if (inputs.isEmpty()) {
            return Commitment.UNKNOWN;
        }
        Message question = Message.valueOf(ByteString.copyFrom(
                RaftNotaryCodec.encodeCommitmentQuery(transactionId, inputs)));
        try {
            RaftClientReply reply = client.io().sendReadOnly(question);
            if (reply.isSuccess()) {
                return RaftNotaryCodec.decodeCommitment(reply.getMessage().getContent().toByteArray());
            }
            LOG.warn("notary cluster: no answer to whether {} was committed ({}); treated as unknown",
                    transactionId, reply);
        } catch (InterruptedIOException e) {
            throw interrupted(e);
        } catch (IOException e) {
            LOG.warn("notary cluster: no answer to whether {} was committed ({}); treated as unknown",
                    transactionId, e.toString());
        }
        return Commitment.UNKNOWN;
    }

    private static Result asResult(CommitOutcome outcome) {
        return switch (outcome) {
            case CommitOutcome.Committed committed -> new Committed(committed.notarySignature());
            case CommitOutcome.Conflict conflict -> new Conflict(conflict.consumedBy());
            case CommitOutcome.OutsideTimeWindow outside -> throw new IllegalStateException(
                    "a request without a time window was refused as outside it at " + outside.leaderTime());
        };
    }

    private static List<List<CommitRequest>> splitIntoEntries(List<CommitRequest> requests) {
        List<List<CommitRequest>> entries = new ArrayList<>();
        List<CommitRequest> current = new ArrayList<>();
        long currentStates = 0;
        for (CommitRequest request : requests) {
            boolean full = current.size() == RaftNotaryCodec.REQUESTS_PER_ENTRY_MAX
                    || currentStates + request.stateCount() > RaftNotaryCodec.STATES_PER_ENTRY_MAX;
            if (full && !current.isEmpty()) {
                entries.add(current);
                current = new ArrayList<>();
                currentStates = 0;
            }
            current.add(request);
            currentStates += request.stateCount();
        }
        if (!current.isEmpty()) {
            entries.add(current);
        }
        return entries;
    }

    private List<CommitOutcome> send(List<CommitRequest> entry) {
        Message message = Message.valueOf(ByteString.copyFrom(RaftNotaryCodec.encodeRequests(entry)));
        for (long round = 1; ; round++) {
            requireOpen();
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted(null);
            }
            try {
                RaftClientReply reply = client.io().send(message);
                if (reply.isSuccess()) {
                    RaftNotaryCodec.Reply decided = RaftNotaryCodec.decodeReply(
                            reply.getMessage().getContent().toByteArray());
                    return servicePublicKey == null ? decided.outcomes()
                            : signedOutcomes(entry, decided, reply.getServerId().toString());
                }
                logRound(round, "unsuccessful reply " + reply);
            } catch (StateMachineException refused) {
                throw new IllegalStateException("the notary cluster refused the message: " + refused.getMessage(),
                        refused);
            } catch (InterruptedIOException e) {
                throw interrupted(e);
            } catch (IOException e) {
                requireOpen();
                logRound(round, e.toString());
            }
            backOff(round);
        }
    }

    /**
     * Checks the replica's signature over the committed ids against the service key and gives each
     * committed outcome its batch signature; the same tree as the replica built, so the same root.
     */
    private List<CommitOutcome> signedOutcomes(List<CommitRequest> entry, RaftNotaryCodec.Reply reply,
                                               String replicaId) {
        if (reply.outcomes().size() != entry.size()) {
            throw new IllegalStateException("the cluster answered " + reply.outcomes().size() + " outcomes to "
                    + entry.size() + " requests");
        }
        List<String> committed = NotaryStateMachine.committedIds(entry, reply.outcomes());
        if (committed.isEmpty()) {
            return reply.outcomes();
        }
        if (!reply.signed()) {
            throw new NotarySignatureRefusedException(replicaId, "notary replica " + replicaId + " answered "
                    + "without the notary service's signature; every replica must be given the service key "
                    + servicePublicKey.base64());
        }
        BatchProof.Tree tree = BatchProof.of(committed);
        if (!reply.signedBy().equals(servicePublicKey)
                || !Ed25519.verify(servicePublicKey, BatchProof.signedMessage(tree.rootHex()), reply.signature())) {
            throw new NotarySignatureRefusedException(replicaId, "notary replica " + replicaId + " signed with key "
                    + reply.signedBy().base64() + ", and its signature does not verify against the notary's "
                    + "service key " + servicePublicKey.base64() + ": answer refused; give that replica the "
                    + "service key file");
        }
        TransactionSignature batchSignature = TransactionSignature.of(servicePublicKey, reply.signature());
        List<CommitOutcome> signed = new ArrayList<>(reply.outcomes().size());
        int leaf = 0;
        for (CommitOutcome outcome : reply.outcomes()) {
            signed.add(outcome instanceof CommitOutcome.Committed committedOutcome
                    ? committedOutcome.signedWith(batchSignature.withBatchProof(tree.proofs().get(leaf++)))
                    : outcome);
        }
        return signed;
    }

    private void backOff(long round) {
        long maxMillis = limits.backoffMax().toMillis();
        long exponential = limits.backoffMin().toMillis() << Math.min(round - 1, 20);
        long capped = Math.min(maxMillis, exponential);
        // Jitter: clients that lost the same leader do not all come back at the same moment.
        long sleepMillis = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        try {
            Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(e);
        }
    }

    private static void logRound(long round, String why) {
        // Every round while a quorum is down would flood the log: rounds 1, 2, 4, 8, ... are enough.
        if (Long.bitCount(round) == 1) {
            LOG.warn("notary cluster: round {} of a commit did not complete ({}); retrying", round, why);
        } else {
            LOG.debug("notary cluster: round {} of a commit did not complete ({}); retrying", round, why);
        }
    }

    private static CommitInterruptedException interrupted(Exception cause) {
        Thread.currentThread().interrupt();
        return new CommitInterruptedException("interrupted while waiting for the notary cluster; the commit may "
                + "or may not have been decided, and asking again is safe", cause);
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this notary cluster client is closed");
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            client.close();
        } catch (IOException e) {
            LOG.warn("notary cluster client did not close cleanly", e);
        }
    }
}
