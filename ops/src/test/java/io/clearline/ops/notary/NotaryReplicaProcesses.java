package io.clearline.ops.notary;

import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.notary.raft.NotaryServiceKey;
import io.clearline.flows.notary.raft.RaftNotaryCluster;
import io.clearline.flows.notary.raft.RaftNotaryGroup;
import io.clearline.ops.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.protocol.RaftGroup;

/**
 * Notary replicas as separate JVMs ({@code clearline notary}) on free loopback ports, started with this
 * test's own classpath, each logging to {@code <folder>/<id>.log}. {@link #close} kills every process it
 * started; so does a shutdown hook, should the test JVM end without closing.
 */
final class NotaryReplicaProcesses implements AutoCloseable {
    static final String GROUP_NAME = "notary-processes-test";
    /** A replica killed forcibly is gone well within this; anything longer is a stuck process to report. */
    private static final long EXIT_WAIT_SECONDS = 30;

    private final Path folder;
    private final String peers;
    private final long snapshotEveryEntries;
    /** The cluster's service key, one file every replica is given, as operators do. */
    private final NotaryServiceKey serviceKey = NotaryServiceKey.generate();
    private final Path serviceKeyFile;
    private final Map<String, Process> running = new LinkedHashMap<>();
    private final Thread killer = new Thread(this::killAll, "notary-replica-processes-killer");

    NotaryReplicaProcesses(Path folder, int replicaCount, long snapshotEveryEntries) {
        this.folder = folder;
        this.snapshotEveryEntries = snapshotEveryEntries;
        List<Integer> ports = RaftNotaryCluster.freeLoopbackPorts(replicaCount);
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < replicaCount; i++) {
            entries.add("notary-" + (i + 1) + "@127.0.0.1:" + ports.get(i));
        }
        this.peers = String.join(",", entries);
        this.serviceKeyFile = folder.resolve("notary-service.key");
        serviceKey.write(serviceKeyFile);
        Runtime.getRuntime().addShutdownHook(killer);
    }

    RaftGroup group() {
        return RaftNotaryGroup.parse(GROUP_NAME, peers);
    }

    /** The notary party's key: what a client requires the replicas' signatures to verify against. */
    PublicKey servicePublicKey() {
        return serviceKey.publicKey();
    }

    List<String> ids() {
        return group().getPeers().stream().map(peer -> peer.getId().toString()).sorted().toList();
    }

    synchronized void startAll() {
        ids().forEach(this::start);
    }

    /** Starts the replica in its own JVM, on the folder it had before if it ran before. */
    synchronized void start(String id) {
        if (running.containsKey(id) && running.get(id).isAlive()) {
            throw new IllegalStateException(id + " runs already");
        }
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, Main.class.getName(), "notary", "--id", id, "--peers", peers, "--group", GROUP_NAME,
                "--data-dir", folder.resolve(id).toString(), "--service-key", serviceKeyFile.toString(),
                "--snapshot-every-entries", Long.toString(snapshotEveryEntries));
        try {
            Path log = folder.resolve(id + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            running.put(id, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start replica " + id, e);
        }
    }

    /** {@code kill -9}: the replica gets no chance to tidy up, as in a crash. */
    synchronized void kill(String id) {
        Process process = running.remove(id);
        if (process == null) {
            throw new IllegalStateException(id + " does not run");
        }
        process.destroyForcibly();
        awaitExit(id, process);
    }

    /** Replicas started and not killed that are no longer alive: they failed by themselves. */
    synchronized List<String> died() {
        return running.entrySet().stream().filter(entry -> !entry.getValue().isAlive()).map(Map.Entry::getKey).toList();
    }

    synchronized boolean isRunning(String id) {
        return running.containsKey(id) && running.get(id).isAlive();
    }

    Path log(String id) {
        return folder.resolve(id + ".log");
    }

    String logTail(String id) {
        try {
            List<String> lines = Files.readAllLines(log(id));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        killAll();
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to: it kills what is left.
        }
    }

    private synchronized void killAll() {
        new ArrayList<>(running.keySet()).forEach(this::kill);
    }

    private static void awaitExit(String id, Process process) {
        try {
            if (!process.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("replica " + id + " (pid " + process.pid() + ") did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for replica " + id + " to exit", e);
        }
    }
}
