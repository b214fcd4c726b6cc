package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.StateRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.RaftStorage;

/**
 * One notary replica: a Ratis server with the {@link NotaryStateMachine}, its Raft log under
 * {@code <folder>/raft} and its own database (opened by a {@link RaftNotaryCluster.ReplicaDatabase}).
 * It can be stopped (as a crash would: no final snapshot) and started again on the same folder, address
 * and database; it then catches up from its database, its log and, if the others compacted theirs
 * past it, the leader's snapshot.
 */
public final class RaftNotaryReplica {
    private final RaftPeer peer;
    private final RaftGroup group;
    private final Path folder;
    private final RaftNotarySettings settings;
    private final RaftNotaryCluster.ReplicaDatabase database;
    private final Clock clock;
    private final NotaryServiceKey serviceKey;
    private RaftServer server;
    private NotaryStateMachine stateMachine;

    RaftNotaryReplica(RaftPeer peer, RaftGroup group, Path folder, RaftNotarySettings settings,
                      RaftNotaryCluster.ReplicaDatabase database, Clock clock, NotaryServiceKey serviceKey) {
        this.peer = peer;
        this.group = group;
        this.folder = folder;
        this.settings = settings;
        this.database = database;
        this.clock = clock;
        this.serviceKey = serviceKey;
    }

    /**
     * A replica of a group built from configured addresses ({@link RaftNotaryGroup}), for a process that
     * runs one replica; {@link #start} it. Its Raft log goes under {@code <folder>/raft}. It signs what it
     * commits with {@code serviceKey}, the cluster's service identity (every replica is given the same).
     *
     * @throws IllegalArgumentException if {@code replicaId} is not one of the group's peers
     */
    public static RaftNotaryReplica of(RaftGroup group, String replicaId, Path folder, RaftNotarySettings settings,
                                       RaftNotaryCluster.ReplicaDatabase database, Clock clock,
                                       NotaryServiceKey serviceKey) {
        Objects.requireNonNull(group, "group");
        RaftPeer peer = group.getPeers().stream().filter(candidate -> candidate.getId().toString().equals(replicaId))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no replica " + replicaId + " among "
                        + RaftNotaryGroup.format(group)));
        return new RaftNotaryReplica(peer, group, Objects.requireNonNull(folder, "folder"),
                Objects.requireNonNull(settings, "settings"), Objects.requireNonNull(database, "database"),
                Objects.requireNonNull(clock, "clock"), Objects.requireNonNull(serviceKey, "serviceKey"));
    }

    public String id() {
        return peer.getId().toString();
    }

    /** {@code host:port} of its gRPC endpoint (peers and clients alike). */
    public String address() {
        return peer.getAddress();
    }

    public Path folder() {
        return folder;
    }

    /** Starts the replica; does nothing if it runs. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        RaftServer built = null;
        try {
            Path raftFolder = Files.createDirectories(folder.resolve("raft"));
            NotaryStateMachine machine = new NotaryStateMachine(database.open(id(), folder), clock, serviceKey);
            String host = peer.getAddress().substring(0, peer.getAddress().lastIndexOf(':'));
            built = RaftServer.newBuilder()
                    .setServerId(peer.getId())
                    .setGroup(group)
                    .setStateMachine(machine)
                    .setProperties(settings.toProperties(host, port(), raftFolder.toFile()))
                    // Formats an empty folder, recovers an existing one.
                    .setOption(RaftStorage.StartupOption.RECOVER)
                    .build();
            built.start();
            this.server = built;
            this.stateMachine = machine;
        } catch (IOException | RuntimeException e) {
            // Closing the server closes the state machine and with it the database connection.
            closeAfterFailedStart(built, e);
            throw e instanceof IOException io ? new UncheckedIOException("replica " + id() + " did not start", io)
                    : (RuntimeException) e;
        }
    }

    /** Stops the replica abruptly (no final snapshot); does nothing if it is stopped. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + id() + " did not stop cleanly", e);
        } finally {
            server = null;
            stateMachine = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Whether it runs and leads its group now (a moment later it may not). */
    public synchronized boolean isLeader() {
        return server != null && division().getInfo().isLeader();
    }

    /** What its database holds; for comparing replicas. @throws IllegalStateException if stopped */
    public synchronized ReplicaSummary summary() {
        return running().summary();
    }

    /** The transaction that consumed {@code ref}, as this replica's database says. */
    public synchronized Optional<String> consumerOf(StateRef ref) {
        return running().consumerOf(Objects.requireNonNull(ref, "ref"));
    }

    /** The first index still in its Raft log: above 0 once the log was compacted. */
    public synchronized long logStartIndex() {
        return division().getRaftLog().getStartIndex();
    }

    /** The index of the last entry in its Raft log (committed or not), or -1 if the log is empty. */
    public synchronized long lastLogIndex() {
        return Optional.ofNullable(division().getRaftLog().getLastEntryTermIndex()).map(TermIndex::getIndex)
                .orElse(-1L);
    }

    /** The last log index its database holds. */
    public synchronized long appliedIndex() {
        return running().databaseAppliedIndex();
    }

    /** The log index of its latest snapshot, or -1 without one. */
    public synchronized long latestSnapshotIndex() {
        return Optional.ofNullable(running().getLatestSnapshot()).map(snapshot -> snapshot.getIndex()).orElse(-1L);
    }

    private NotaryStateMachine running() {
        if (stateMachine == null) {
            throw new IllegalStateException("replica " + id() + " is stopped");
        }
        return stateMachine;
    }

    private RaftServer.Division division() {
        if (server == null) {
            throw new IllegalStateException("replica " + id() + " is stopped");
        }
        try {
            return server.getDivision(group.getGroupId());
        } catch (IOException e) {
            throw new UncheckedIOException("replica " + id() + " does not serve group " + group.getGroupId(), e);
        }
    }

    private static void closeAfterFailedStart(RaftServer built, Exception failure) {
        if (built == null) {
            return;
        }
        try {
            built.close();
        } catch (IOException | RuntimeException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }

    private int port() {
        return Integer.parseInt(peer.getAddress().substring(peer.getAddress().lastIndexOf(':') + 1));
    }
}
