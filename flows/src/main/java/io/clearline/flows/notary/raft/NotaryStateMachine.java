package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The notary's replicated state machine: every replica applies the same log entries in the same
 * order to its own database ({@link ReplicaStore}) and so commits the same transactions.
 *
 * <p>Determinism: the leader, and only the leader, reads its clock when it accepts a client's
 * requests and writes that time into the log entry ({@link #startTransaction}); every replica judges
 * time windows by the time in the entry. Decisions depend on the entry and on earlier entries only.
 *
 * <p>Snapshots: Ratis asks for one every so many entries; the replica writes its database's rows to
 * a file in its state machine folder, and Ratis then compacts the log up to it. A replica that falls
 * behind the compacted log is sent the leader's snapshot, loads it into its database, and continues
 * from the log. On a restart the replica's database is already as far as it got; entries Ratis replays
 * from the last snapshot change nothing there.
 *
 * <p>Signing: a replica given the cluster's {@link NotaryServiceKey} signs the ids an entry committed,
 * once per entry, into its reply; the signature is never written to the log or the database, so the
 * decisions stay the same whichever replica holds which key. Every replica signs (not only the leader):
 * a reply Ratis keeps for a retried request is then signed too, whoever applied the entry.
 *
 * <p>Failure: if the replica cannot write its database, applying throws and Ratis stops the replica
 * rather than let it skip an entry; the other replicas carry on, and it catches up when restarted.
 */
public final class NotaryStateMachine extends BaseStateMachine {
    private final DataSource database;
    private final Clock clock;
    /** Null: this replica decides without signing (a cluster whose clients bring their own notary key). */
    private final NotaryServiceKey serviceKey;
    private final SimpleStateMachineStorage snapshots = new SimpleStateMachineStorage();
    private volatile ReplicaStore store;
    /** The latest leader time applied: a new leader whose clock lags never stamps an entry earlier than it. */
    private volatile Instant latestLeaderTime = Instant.EPOCH;

    /**
     * @param database the replica's own database (tables are created if missing); one connection is
     *                 held while the replica runs
     * @param clock    read only while this replica leads, to stamp log entries
     */
    public NotaryStateMachine(DataSource database, Clock clock) {
        this(database, clock, null);
    }

    /** @param serviceKey the cluster's service key, signing every reply that commits; null: replies unsigned */
    public NotaryStateMachine(DataSource database, Clock clock, NotaryServiceKey serviceKey) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.serviceKey = serviceKey;
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage) throws IOException {
        getLifeCycle().startAndTransition(() -> {
            super.initialize(server, groupId, raftStorage);
            snapshots.init(raftStorage);
            store = ReplicaStore.open(database, groupId.getUuid().toString());
            loadSnapshot(snapshots.getLatestSnapshot());
        });
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return snapshots;
    }

    /** On the leader: validates the client's requests and stamps them with the leader's time. */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) {
        TransactionContext.Builder context = TransactionContext.newBuilder().setStateMachine(this)
                .setClientRequest(request);
        try {
            List<CommitRequest> requests = RaftNotaryCodec.decodeRequests(request.getMessage().getContent().toByteArray());
            NotaryLogEntry entry = new NotaryLogEntry(leaderTime(), requests);
            return context.setLogData(ByteString.copyFrom(RaftNotaryCodec.encodeEntry(entry))).build();
        } catch (RuntimeException malformed) {
            // Refused before it reaches the log: the client gets a StateMachineException, no replica sees it.
            TransactionContext refused = context.build();
            refused.setException(malformed);
            return refused;
        }
    }

    private Instant leaderTime() {
        // Microseconds: what the replicas' databases keep, so a repeated answer equals the first.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant latest = latestLeaderTime;
        return now.isBefore(latest) ? latest : now;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext transaction) {
        LogEntryProto logEntry = Objects.requireNonNull(transaction.getLogEntry(), "log entry");
        NotaryLogEntry entry = RaftNotaryCodec.decodeEntry(
                logEntry.getStateMachineLogEntry().getLogData().toByteArray());
        // Thrown failures stop this replica (see the class comment); they are never a reply.
        List<CommitOutcome> outcomes = store.apply(logEntry.getIndex(), entry);
        if (entry.leaderTime().isAfter(latestLeaderTime)) {
            latestLeaderTime = entry.leaderTime();
        }
        updateLastAppliedTermIndex(logEntry.getTerm(), logEntry.getIndex());
        return CompletableFuture.completedFuture(
                Message.valueOf(ByteString.copyFrom(RaftNotaryCodec.encodeReply(reply(entry, outcomes)))));
    }

    /**
     * A read-only question (Ratis asks it only of the leader, after it has applied every entry committed
     * before the question arrived: the replicas read linearizably, see {@link RaftNotarySettings}): did a
     * transaction consume its inputs here? Malformed questions fail the query, they change nothing.
     */
    @Override
    public CompletableFuture<Message> query(Message request) {
        try {
            CommitRequest asked = RaftNotaryCodec.decodeCommitmentQuery(request.getContent().toByteArray());
            UniquenessService.Commitment commitment = store.commitmentOf(asked.inputs(), asked.transactionId());
            return CompletableFuture.completedFuture(
                    Message.valueOf(ByteString.copyFrom(RaftNotaryCodec.encodeCommitment(commitment))));
        } catch (RuntimeException malformedOrUnreadable) {
            return CompletableFuture.failedFuture(malformedOrUnreadable);
        }
    }

    /** After the entry is applied: signs the ids it committed, if this replica holds the service key. */
    private RaftNotaryCodec.Reply reply(NotaryLogEntry entry, List<CommitOutcome> outcomes) {
        List<String> committed = committedIds(entry.requests(), outcomes);
        if (serviceKey == null || committed.isEmpty()) {
            return RaftNotaryCodec.Reply.unsigned(outcomes);
        }
        return new RaftNotaryCodec.Reply(outcomes, serviceKey.publicKey(), serviceKey.signBatch(committed));
    }

    /** The ids of the requests committed, in the entry's order: the leaves of the signed batch. */
    static List<String> committedIds(List<CommitRequest> requests, List<CommitOutcome> outcomes) {
        List<String> committed = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) instanceof CommitOutcome.Committed) {
                committed.add(requests.get(i).transactionId());
            }
        }
        return committed;
    }

    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return RaftLog.INVALID_LOG_INDEX;
        }
        File file = snapshots.getSnapshotFile(last.getTerm(), last.getIndex());
        // Written aside and moved in whole: a crash mid-write never leaves a snapshot that looks complete.
        Path writing = file.toPath().resolveSibling(file.getName() + ".writing");
        store.writeSnapshot(writing);
        Files.move(writing, file.toPath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        MD5Hash md5 = MD5FileUtil.computeAndSaveMd5ForFile(file);
        snapshots.updateLatestSnapshot(new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last));
        return last.getIndex();
    }

    /** Ratis pauses the replica before it installs a snapshot sent by the leader. */
    @Override
    public void pause() {
        if (getLifeCycleState() == LifeCycle.State.RUNNING) {
            getLifeCycle().transition(LifeCycle.State.PAUSING);
            getLifeCycle().transition(LifeCycle.State.PAUSED);
        }
    }

    /** After a snapshot from the leader was installed in the state machine folder: load it. */
    @Override
    public void reinitialize() throws IOException {
        loadSnapshot(snapshots.loadLatestSnapshot());
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    private void loadSnapshot(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        File file = snapshot.getFile().getPath().toFile();
        if (snapshot.getFile().getFileDigest() != null) {
            MD5FileUtil.verifySavedMD5(file, snapshot.getFile().getFileDigest());
        }
        store.loadSnapshotIfNewer(file.toPath());
        setLastAppliedTermIndex(snapshot.getTermIndex());
    }

    @Override
    public void close() throws IOException {
        getLifeCycle().checkStateAndClose(() -> {
            ReplicaStore open = store;
            if (open != null) {
                open.close();
            }
        });
    }

    ReplicaSummary summary() {
        return store.summary();
    }

    Optional<String> consumerOf(StateRef ref) {
        return store.consumerOf(ref);
    }

    long databaseAppliedIndex() {
        return store.appliedIndex();
    }
}
