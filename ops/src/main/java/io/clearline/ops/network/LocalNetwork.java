package io.clearline.ops.network;

import io.clearline.flows.notary.raft.RaftNotaryGroup;
import io.clearline.flows.notary.raft.RaftNotaryProbe;
import ch.qos.logback.classic.Level;
import io.clearline.ops.cli.CommandLogging;
import io.clearline.ops.cli.CommandOptions;
import io.clearline.ops.cli.Main;
import io.clearline.ops.notary.NotaryReplicaCommand;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.protocol.RaftGroup;

/**
 * {@code clearline network up|down|status}: a network on this machine, each member a separate JVM with
 * its own database — three notary replicas ({@code clearline notary}) and one node hosting the central
 * bank, the regulator and the demo banks, whose notary asks the replicas. Logs and pids are kept under
 * {@code <data>/network}; each member's data in a folder of its own there.
 *
 * <p>The databases are on the local PostgreSQL (created when missing) when it answers, H2 files in the
 * members' folders otherwise ({@code --database auto|postgres|h2}). {@code up} starts what does not run
 * and waits until the notary has a quorum and the node is ready; {@code down} stops every member
 * (SIGTERM, then SIGKILL after {@link #STOP_GRACE}); {@code status} shows each process and the replicas'
 * roles. Banks on nodes of their own need the networked transport, which this launcher does not have yet.
 */
public final class LocalNetwork {
    static final String GROUP_NAME = NotaryReplicaCommand.DEFAULT_GROUP;
    static final int REPLICAS = 3;
    /** How long {@code down} waits for a member to stop by itself before killing it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(30);
    /**
     * How long {@code up} waits for a notary quorum and a ready node: a node starts in well under a minute,
     * but on a busy two-core machine four JVMs starting at once have taken three.
     */
    static final Duration UP_WAIT_MAX = Duration.ofMinutes(5);
    static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final Set<String> OPTIONS = Set.of("data-dir", "port", "notary-base-port", "database", "wait");

    private final NetworkLayout layout;
    private final PrintStream out;

    LocalNetwork(NetworkLayout layout, PrintStream out) {
        this.layout = layout;
        this.out = out;
    }

    static String usage() {
        return """
                usage: clearline network up|down|status [--data-dir ./data] [--port 8080] [--notary-base-port 9871]
                                                        [--database auto|postgres|h2] [--wait true|false]
                  up      starts three notary replicas and a node using them (what runs already is left alone)
                  down    stops them (SIGTERM, then SIGKILL after\s""" + STOP_GRACE.toSeconds() + """
                 s)
                  status  shows each process and the notary's leader""";
    }

    /** @return the exit status: 0 done, 1 something did not come up or stop, 2 a usage error */
    public static int run(String[] args) throws InterruptedException {
        if (args.length == 0) {
            System.err.println(usage());
            return 2;
        }
        NetworkLayout layout;
        boolean wait;
        try {
            CommandOptions options = CommandOptions.parse(Arrays.copyOfRange(args, 1, args.length), OPTIONS);
            layout = NetworkLayout.of(Path.of(options.get("data-dir", "data")),
                    (int) options.number("port", 8080, 1, 65_535),
                    (int) options.number("notary-base-port", 9871, 1, 65_535 - REPLICAS),
                    NetworkLayout.Database.parse(options.get("database", "auto")));
            wait = Boolean.parseBoolean(options.get("wait", "true"));
        } catch (IllegalArgumentException e) {
            System.err.println("clearline network: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        // What the replicas do is in their own logs; here only what the user asked for.
        CommandLogging.levels(Level.WARN, Level.ERROR);
        LocalNetwork network = new LocalNetwork(layout, System.out);
        return switch (args[0]) {
            case "up" -> network.up(wait);
            case "down" -> network.down();
            case "status" -> network.status();
            default -> {
                System.err.println(usage());
                yield 2;
            }
        };
    }

    int up(boolean wait) throws InterruptedException {
        layout.createFolders();
        boolean postgres = layout.usePostgres();
        if (postgres) {
            for (NetworkLayout.Member member : layout.members()) {
                layout.postgres().createDatabaseIfMissing(member.databaseName());
            }
        }
        out.println("databases: " + (postgres ? "PostgreSQL at " + layout.postgres().serverUrl() : "H2 files"));
        for (NetworkLayout.Member member : layout.members()) {
            Optional<ProcessHandle> running = layout.runningProcess(member);
            if (running.isPresent()) {
                out.printf("%-9s already running (pid %d)%n", member.name(), running.get().pid());
                continue;
            }
            long pid = start(member, postgres);
            out.printf("%-9s started (pid %d), log %s%n", member.name(), pid, layout.log(member));
        }
        if (!wait) {
            return 0;
        }
        boolean ready = awaitReady();
        printUrls();
        return ready ? 0 : 1;
    }

    private long start(NetworkLayout.Member member, boolean postgres) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(member.arguments(layout, postgres));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(layout.log(member).toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (postgres) {
            String password = System.getenv().getOrDefault(NetworkLayout.PASSWORD_VARIABLE, "");
            builder.environment().put(NotaryReplicaCommand.PASSWORD_VARIABLE, password);
            builder.environment().put("CLEARLINE_DB_URL", layout.postgres().databaseUrl(member.databaseName()));
        }
        try {
            Process process = builder.start();
            layout.writePid(member, process.pid());
            return process.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + member.name(), e);
        }
    }

    /** The same JVM and jar (or classpath) this command runs from: the network is what was built. */
    private static List<String> javaCommand() {
        String javaBinary = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Daxoniq.update-checker.disabled=true"));
        if (classpath.endsWith(".jar") && !classpath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classpath));
        } else {
            command.addAll(List.of("-cp", classpath, Main.class.getName()));
        }
        return command;
    }

    private static File nullDevice() {
        return new File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    private boolean awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + UP_WAIT_MAX.toNanos();
        boolean quorum = false;
        boolean nodeReady = false;
        try (RaftNotaryProbe probe = new RaftNotaryProbe(layout.notaryGroup(), HTTP_TIMEOUT)) {
            while (System.nanoTime() < deadline && !(quorum && nodeReady)) {
                quorum = quorum || probe.probe().quorumReachable();
                nodeReady = nodeReady || readinessStatus().equals(Optional.of(200));
                if (layout.members().stream().anyMatch(member -> layout.runningProcess(member).isEmpty())) {
                    out.println("a member stopped while starting; see its log under " + layout.logsFolder());
                    return false;
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            }
        }
        out.println("notary quorum: " + (quorum ? "yes" : "not within " + UP_WAIT_MAX)
                + "; node ready: " + (nodeReady ? "yes" : "not within " + UP_WAIT_MAX));
        return quorum && nodeReady;
    }

    private void printUrls() {
        String node = "http://127.0.0.1:" + layout.nodePort();
        out.println("node:      " + node + "/  (demo users: operator, regulator, one per bank BIC; password demo)");
        out.println("health:    " + node + "/actuator/health/readiness");
        out.println("metrics:   " + node + "/actuator/prometheus");
        out.println("notary:    " + RaftNotaryGroup.format(layout.notaryGroup()) + " (group " + GROUP_NAME + ")");
        out.println("logs:      " + layout.logsFolder());
    }

    int down() throws InterruptedException {
        boolean allStopped = true;
        // The node first, so that it does not wait on replicas that are gone.
        for (NetworkLayout.Member member : layout.members().reversed()) {
            Optional<ProcessHandle> running = layout.runningProcess(member);
            if (running.isEmpty()) {
                out.printf("%-9s not running%n", member.name());
                layout.removePid(member);
                continue;
            }
            ProcessHandle process = running.get();
            process.destroy();
            boolean gracefully = awaitExit(process, STOP_GRACE);
            if (!gracefully) {
                process.destroyForcibly();
                allStopped &= awaitExit(process, STOP_GRACE);
            }
            layout.removePid(member);
            out.printf("%-9s stopped (pid %d)%s%n", member.name(), process.pid(),
                    gracefully ? "" : ", killed after " + STOP_GRACE.toSeconds() + " s");
        }
        return allStopped ? 0 : 1;
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) throws InterruptedException {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for pid " + process.pid() + " failed", e);
        }
    }

    int status() {
        Map<String, String> roles = new TreeMap<>();
        Optional<String> leader;
        try (RaftNotaryProbe probe = new RaftNotaryProbe(layout.notaryGroup(), HTTP_TIMEOUT)) {
            RaftNotaryProbe.ClusterStatus cluster = probe.probe();
            leader = cluster.leader();
            for (RaftNotaryProbe.ReplicaStatus replica : cluster.replicas()) {
                roles.put(replica.id(), replica.reachable()
                        ? replica.role().map(Enum::name).orElse("?") + ", commit index " + replica.commitIndex()
                        : "not answering");
            }
        }
        boolean allUp = true;
        for (NetworkLayout.Member member : layout.members()) {
            Optional<ProcessHandle> running = layout.runningProcess(member);
            allUp &= running.isPresent();
            String state = running.map(process -> "running (pid " + process.pid() + ")").orElse("stopped");
            String detail = member.replica()
                    ? roles.getOrDefault(member.name(), "?") + " at " + member.address(layout)
                    : readinessStatus().map(code -> "readiness HTTP " + code).orElse("not answering")
                    + " at http://127.0.0.1:" + layout.nodePort();
            out.printf("%-9s %-22s %s%n", member.name(), state, detail);
        }
        out.println("notary leader: " + leader.orElse("none"));
        return allUp && leader.isPresent() ? 0 : 1;
    }

    private Optional<Integer> readinessStatus() {
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + layout.nodePort()
                    + "/actuator/health/readiness")).timeout(HTTP_TIMEOUT).GET().build();
            return Optional.of(client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    RaftGroup notaryGroup() {
        return layout.notaryGroup();
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
