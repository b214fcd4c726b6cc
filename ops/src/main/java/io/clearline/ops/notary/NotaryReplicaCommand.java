package io.clearline.ops.notary;

import ch.qos.logback.classic.Level;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.clearline.flows.notary.raft.NotaryServiceKey;
import io.clearline.flows.notary.raft.RaftNotaryGroup;
import io.clearline.flows.notary.raft.RaftNotaryReplica;
import io.clearline.flows.notary.raft.RaftNotarySettings;
import io.clearline.ops.cli.CommandLogging;
import io.clearline.ops.cli.CommandOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.apache.ratis.protocol.RaftGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code clearline notary}: one replica of a Raft notary cluster in this process, until the process is
 * told to stop (SIGTERM, Ctrl-C). A plain main, not the Spring node: a replica needs its Raft server and
 * its database, nothing else.
 *
 * <pre>
 * clearline notary keygen --out ./notary-service.key
 * clearline notary --id notary-1 --peers notary-1@127.0.0.1:9871,notary-2@127.0.0.1:9872,notary-3@127.0.0.1:9873
 *                  --service-key ./notary-service.key
 *                  [--group clearline-notary] [--data-dir ./data/notary/notary-1]
 *                  [--jdbc-url jdbc:postgresql://127.0.0.1:5432/clearline_notary_1] [--jdbc-user postgres]
 * </pre>
 *
 * The service key is the cluster's one notary identity: {@code keygen} writes a new one and prints its
 * public key, which every node using the cluster is given ({@code clearline.notary.raft.service-public-key});
 * every replica is given a copy of the same file, and signs what it commits with it.
 *
 * The database is an H2 file in the data folder unless a JDBC URL is given; the password is read from
 * {@value #PASSWORD_VARIABLE}, never from the command line (which every user of the machine can see).
 * Every replica and every client of the cluster must be given the same group name and peers.
 */
public final class NotaryReplicaCommand {
    public static final String DEFAULT_GROUP = "clearline-notary";
    public static final String PASSWORD_VARIABLE = "CLEARLINE_NOTARY_DB_PASSWORD";
    /** The state machine applies one entry at a time; snapshots take one more connection. */
    static final int DATABASE_CONNECTIONS_MAX = 4;
    static final Duration DATABASE_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final long SNAPSHOT_EVERY_ENTRIES_MAX = 100_000_000L;
    private static final Set<String> OPTIONS = Set.of("id", "peers", "group", "data-dir", "jdbc-url", "jdbc-user",
            "snapshot-every-entries", "service-key");
    private static final Set<String> KEYGEN_OPTIONS = Set.of("out");
    private static final Logger LOG = LoggerFactory.getLogger(NotaryReplicaCommand.class);

    private NotaryReplicaCommand() {
    }

    static String usage() {
        return """
                usage: clearline notary keygen --out FILE
                  writes a new notary service key (never over an existing file) and prints its public key
                       clearline notary --id ID --peers ID@HOST:PORT,... --service-key FILE [--group NAME]
                                        [--data-dir FOLDER] [--jdbc-url URL] [--jdbc-user USER]
                                        [--snapshot-every-entries N]
                  runs one notary replica until stopped, signing what it commits with the service key; the
                  database password comes from\s""" + PASSWORD_VARIABLE;
    }

    /** {@code clearline notary keygen --out FILE}: prints the new key's public half (base64) on stdout. */
    static int keygen(String[] args) {
        try {
            CommandOptions options = CommandOptions.parse(args, KEYGEN_OPTIONS);
            NotaryServiceKey key = NotaryServiceKey.generate();
            key.write(Path.of(options.required("out")));
            System.out.println(key.publicKey().base64());
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println("clearline notary keygen: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
    }

    /** Runs the replica until the process is stopped; returns a non-zero exit status on a usage error. */
    public static int run(String[] args) throws InterruptedException {
        if (args.length > 0 && "keygen".equals(args[0])) {
            return keygen(java.util.Arrays.copyOfRange(args, 1, args.length));
        }
        CommandOptions options;
        RaftGroup group;
        String id;
        NotaryServiceKey serviceKey;
        try {
            options = CommandOptions.parse(args, OPTIONS);
            group = RaftNotaryGroup.parse(options.get("group", DEFAULT_GROUP), options.required("peers"));
            id = options.required("id");
            serviceKey = NotaryServiceKey.load(Path.of(options.required("service-key")));
        } catch (IllegalArgumentException e) {
            System.err.println("clearline notary: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        // A replica's log is where operators read its elections and role changes: Ratis at INFO.
        CommandLogging.levels(Level.INFO, Level.INFO);
        Path folder = Path.of(options.get("data-dir", "data/notary/" + id)).toAbsolutePath();
        RaftNotarySettings defaults = RaftNotarySettings.DEFAULTS;
        RaftNotarySettings settings = new RaftNotarySettings(defaults.electionTimeoutMin(),
                defaults.electionTimeoutMax(), defaults.serverRequestTimeout(),
                options.number("snapshot-every-entries", defaults.snapshotEveryEntries(), 1, SNAPSHOT_EVERY_ENTRIES_MAX),
                defaults.snapshotsRetained(), defaults.logSegmentBytesMax(), defaults.logPurgeGapEntries(),
                defaults.followerRetryWait());
        HikariDataSource database = openDatabase(options, folder, id);
        RaftNotaryReplica replica;
        try {
            replica = RaftNotaryReplica.of(group, id, folder, settings, (replicaId, replicaFolder) -> database,
                    Clock.systemUTC(), serviceKey);
            replica.start();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("notary replica {} stopping", id);
            try {
                replica.stop();
            } finally {
                database.close();
                stopped.countDown();
            }
        }, "notary-replica-shutdown"));
        LOG.info("notary replica {} of group {} serving on {}, data in {}, signing with service key {}", id,
                group.getGroupId().getUuid(), replica.address(), folder, serviceKey.publicKey().base64());
        stopped.await();
        return 0;
    }

    private static HikariDataSource openDatabase(CommandOptions options, Path folder, String id) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("notary-" + id);
        config.setJdbcUrl(options.get("jdbc-url",
                "jdbc:h2:file:" + folder.resolve("database").resolve("notary") + ";DB_CLOSE_ON_EXIT=FALSE"));
        config.setUsername(options.get("jdbc-user", "postgres"));
        config.setPassword(System.getenv().getOrDefault(PASSWORD_VARIABLE, ""));
        config.setMaximumPoolSize(DATABASE_CONNECTIONS_MAX);
        config.setConnectionTimeout(DATABASE_CONNECT_TIMEOUT.toMillis());
        return new HikariDataSource(config);
    }
}
