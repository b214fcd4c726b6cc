package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.PublicKey;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Starts a notary cluster of N replicas on loopback, each on a free port and in its own folder
 * ({@code <dataFolder>/<replica id>}) with its own database, all in this process. For tests, and for a
 * launcher that runs a whole network on one machine; replicas in separate processes or on separate
 * machines use a group built from configured addresses instead ({@link RaftNotaryGroup},
 * {@link RaftNotaryReplica#of}), and their clients {@link RaftUniquenessService} and {@link RaftNotaryProbe}.
 *
 * <pre>{@code
 * try (RaftNotaryCluster cluster = RaftNotaryCluster.start(3, folder,
 *         (id, replicaFolder) -> h2FileDataSource(replicaFolder.resolve("database")), id -> Clock.systemUTC(),
 *         RaftNotarySettings.DEFAULTS);
 *      RaftUniquenessService uniqueness = cluster.connect(RaftUniquenessService.Limits.DEFAULTS)) {
 *     Notary notary = new Notary(notaryParty, identities, uniqueness, verifier, clock);
 * }
 * }</pre>
 *
 * Starting again on the same data folder resumes the same cluster: its Raft group id and addresses are
 * kept in {@value #LAYOUT_FILE} there, and each replica finds its log and database where it left them.
 *
 * <p>Failure: {@link #start} throws if a replica cannot start (a port taken meanwhile, a folder not
 * writable, a database of another cluster), after stopping those it had started.
 */
public final class RaftNotaryCluster implements AutoCloseable {
    /** Replicas in one cluster at most: Raft clusters are small (3 or 5), and each replica here brings its own threads. */
    public static final int REPLICAS_MAX = 9;
    public static final String LOOPBACK_HOST = "127.0.0.1";
    /** In the data folder: the cluster's Raft group id and each replica's address. */
    public static final String LAYOUT_FILE = "cluster.properties";
    private static final String GROUP_KEY = "raft-group-id";
    private static final String REPLICAS_KEY = "replicas";
    private static final String REPLICA_ID_PREFIX = "notary-";

    /** Opens a replica's own database; called each time the replica starts. */
    @FunctionalInterface
    public interface ReplicaDatabase {
        DataSource open(String replicaId, Path replicaFolder);
    }

    private final RaftGroup group;
    private final List<RaftNotaryReplica> replicas;

    private RaftNotaryCluster(RaftGroup group, List<RaftNotaryReplica> replicas) {
        this.group = group;
        this.replicas = List.copyOf(replicas);
    }

    /**
     * Starts {@code replicaCount} replicas named {@code notary-0}, {@code notary-1}, ... (the cluster kept
     * in {@code dataFolder}, or a new one); returns once all run (a leader is elected shortly after;
     * clients wait for it on their own).
     *
     * @param clocks each replica's clock, read only while it leads
     */
    public static RaftNotaryCluster start(int replicaCount, Path dataFolder, ReplicaDatabase databases,
                                          Function<String, Clock> clocks, RaftNotarySettings settings) {
        return start(replicaCount, dataFolder, databases, clocks, settings, replicaId -> null);
    }

    /**
     * As {@link #start(int, Path, ReplicaDatabase, Function, RaftNotarySettings)}, each replica signing
     * what it commits with the key {@code serviceKeys} gives it (the cluster's one service key; null: that
     * replica answers unsigned). Connect with {@link #connect(RaftUniquenessService.Limits, PublicKey)}.
     */
    public static RaftNotaryCluster start(int replicaCount, Path dataFolder, ReplicaDatabase databases,
                                          Function<String, Clock> clocks, RaftNotarySettings settings,
                                          Function<String, NotaryServiceKey> serviceKeys) {
        Objects.requireNonNull(serviceKeys, "serviceKeys");
        if (replicaCount < 1 || replicaCount > REPLICAS_MAX) {
            throw new IllegalArgumentException("a notary cluster has 1 to " + REPLICAS_MAX + " replicas: " + replicaCount);
        }
        Objects.requireNonNull(databases, "databases");
        Objects.requireNonNull(clocks, "clocks");
        Objects.requireNonNull(settings, "settings");
        RaftGroup group = loadOrCreateLayout(createFolder(dataFolder), replicaCount);
        List<RaftNotaryReplica> replicas = new ArrayList<>();
        List<RaftPeer> peers = group.getPeers().stream()
                .sorted(Comparator.comparing(peer -> peer.getId().toString())).toList();
        for (RaftPeer peer : peers) {
            Path folder = createFolder(dataFolder.resolve(peer.getId().toString()));
            Clock clock = Objects.requireNonNull(clocks.apply(peer.getId().toString()), "clock of " + peer.getId());
            replicas.add(new RaftNotaryReplica(peer, group, folder, settings, databases, clock,
                    serviceKeys.apply(peer.getId().toString())));
        }
        RaftNotaryCluster cluster = new RaftNotaryCluster(group, replicas);
        try {
            replicas.forEach(RaftNotaryReplica::start);
        } catch (RuntimeException e) {
            cluster.closeAfter(e);
            throw e;
        }
        return cluster;
    }

    public RaftGroup group() {
        return group;
    }

    public List<RaftNotaryReplica> replicas() {
        return replicas;
    }

    /** @throws IllegalArgumentException for an id not in this cluster */
    public RaftNotaryReplica replica(String id) {
        return replicas.stream().filter(replica -> replica.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no replica " + id + " in " + group.getGroupId()));
    }

    /** The replica that leads now, if one does and runs. */
    public Optional<RaftNotaryReplica> leader() {
        return replicas.stream().filter(RaftNotaryReplica::isLeader).findFirst();
    }

    /** A client of this cluster; close it when done. */
    public RaftUniquenessService connect(RaftUniquenessService.Limits limits) {
        return new RaftUniquenessService(group, limits);
    }

    /** A client that requires the cluster's signature by {@code servicePublicKey} on every commit. */
    public RaftUniquenessService connect(RaftUniquenessService.Limits limits, PublicKey servicePublicKey) {
        return new RaftUniquenessService(group, limits, servicePublicKey);
    }

    /** Stops every replica that runs. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (RaftNotaryReplica replica : replicas) {
            try {
                replica.stop();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void closeAfter(RuntimeException startFailure) {
        try {
            close();
        } catch (RuntimeException closeFailure) {
            startFailure.addSuppressed(closeFailure);
        }
    }

    /** The layout kept in the data folder, or a new one (a new group id, free ports) written there. */
    private static RaftGroup loadOrCreateLayout(Path dataFolder, int replicaCount) {
        Path file = dataFolder.resolve(LAYOUT_FILE);
        try {
            Properties layout = new Properties();
            if (Files.exists(file)) {
                try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    layout.load(in);
                }
                int kept = Integer.parseInt(layout.getProperty(REPLICAS_KEY));
                if (kept != replicaCount) {
                    throw new IllegalArgumentException(file + " describes a cluster of " + kept + " replicas, not "
                            + replicaCount);
                }
            } else {
                List<Integer> ports = freeLoopbackPorts(replicaCount);
                layout.setProperty(GROUP_KEY, UUID.randomUUID().toString());
                layout.setProperty(REPLICAS_KEY, Integer.toString(replicaCount));
                for (int i = 0; i < replicaCount; i++) {
                    layout.setProperty(REPLICA_ID_PREFIX + i, LOOPBACK_HOST + ":" + ports.get(i));
                }
                // Written aside and moved in whole, so a crash never leaves half a layout.
                Path writing = dataFolder.resolve(LAYOUT_FILE + ".writing");
                try (Writer out = Files.newBufferedWriter(writing, StandardCharsets.UTF_8)) {
                    layout.store(out, "Clearline notary cluster: keep with the replicas' folders");
                }
                Files.move(writing, file, StandardCopyOption.ATOMIC_MOVE);
            }
            List<RaftPeer> peers = new ArrayList<>();
            for (int i = 0; i < replicaCount; i++) {
                String id = REPLICA_ID_PREFIX + i;
                String address = Objects.requireNonNull(layout.getProperty(id), () -> file + " has no address for " + id);
                peers.add(RaftPeer.newBuilder().setId(RaftPeerId.valueOf(id)).setAddress(address).build());
            }
            return RaftGroup.valueOf(RaftGroupId.valueOf(UUID.fromString(layout.getProperty(GROUP_KEY))), peers);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the cluster layout " + file, e);
        }
    }

    private static Path createFolder(Path folder) {
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create replica folder " + folder, e);
        }
    }

    /**
     * Ports the system had free a moment ago. Another process may take one before the replica binds
     * it; the replica then fails to start, loudly, and the caller starts the cluster again.
     */
    public static List<Integer> freeLoopbackPorts(int count) {
        Set<Integer> ports = new LinkedHashSet<>();
        List<ServerSocket> held = new ArrayList<>();
        try {
            // All held open together, so the system cannot hand out the same port twice.
            while (ports.size() < count) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK_HOST));
                held.add(socket);
                ports.add(socket.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // Closing a listening socket that accepted nothing cannot leave anything behind.
                }
            }
        }
        return new ArrayList<>(ports);
    }
}
