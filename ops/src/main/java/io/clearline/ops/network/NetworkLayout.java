package io.clearline.ops.network;

import io.clearline.flows.notary.raft.NotaryServiceKey;
import io.clearline.flows.notary.raft.RaftNotaryGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.ratis.protocol.RaftGroup;

/**
 * Where a local network's members keep their data, logs and pids ({@code <data>/network}), their ports,
 * and the command line each is started with. The database kind chosen at the first {@code up} is kept
 * ({@value #DATABASE_FILE}), so that a later start never moves a member to an empty database.
 */
final class NetworkLayout {
    static final String PASSWORD_VARIABLE = "CLEARLINE_DB_PASSWORD";
    static final String DATABASE_FILE = "database-kind";

    enum Database {
        AUTO, POSTGRES, H2;

        static Database parse(String value) {
            try {
                return valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--database is auto, postgres or h2, not '" + value + "'", e);
            }
        }
    }

    /** A member of the network: a notary replica ({@code notary-1}...) or the node. */
    record Member(String name, boolean replica, int index) {
        String databaseName() {
            return "clearline_network_" + name.replace('-', '_');
        }

        String address(NetworkLayout layout) {
            return "127.0.0.1:" + (layout.notaryBasePort + index);
        }

        List<String> arguments(NetworkLayout layout, boolean postgres) {
            Path folder = layout.memberFolder(this);
            List<String> arguments = new ArrayList<>();
            if (replica) {
                arguments.addAll(List.of("notary", "--id", name, "--peers", layout.peers(), "--group",
                        LocalNetwork.GROUP_NAME, "--data-dir", folder.toString(), "--service-key",
                        layout.serviceKeyFile().toString()));
                if (postgres) {
                    arguments.addAll(List.of("--jdbc-url", layout.postgres.databaseUrl(databaseName()),
                            "--jdbc-user", layout.postgres.user()));
                }
            } else {
                arguments.addAll(List.of("node", "--spring.profiles.active=demo" + (postgres ? ",postgres" : ""),
                        "--server.port=" + layout.nodePort, "--clearline.data-dir=" + folder,
                        "--clearline.notary.mode=raft", "--clearline.notary.raft.group-id=" + LocalNetwork.GROUP_NAME,
                        "--clearline.notary.raft.peers=" + layout.peers(),
                        "--clearline.notary.raft.service-public-key=" + layout.serviceKey().publicKey().base64()));
            }
            return arguments;
        }
    }

    static final String SERVICE_KEY_FILE = "notary-service.key";
    private final Path networkFolder;
    private final int nodePort;
    private final int notaryBasePort;
    private final Database database;
    private final PostgresServer postgres = PostgresServer.local();

    private NetworkLayout(Path networkFolder, int nodePort, int notaryBasePort, Database database) {
        this.networkFolder = networkFolder;
        this.nodePort = nodePort;
        this.notaryBasePort = notaryBasePort;
        this.database = database;
    }

    static NetworkLayout of(Path dataFolder, int nodePort, int notaryBasePort, Database database) {
        if (nodePort >= notaryBasePort && nodePort < notaryBasePort + LocalNetwork.REPLICAS) {
            throw new IllegalArgumentException("the node's port " + nodePort + " is one of the notary's");
        }
        return new NetworkLayout(dataFolder.toAbsolutePath().normalize().resolve("network"), nodePort,
                notaryBasePort, database);
    }

    List<Member> members() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < LocalNetwork.REPLICAS; i++) {
            members.add(new Member("notary-" + (i + 1), true, i));
        }
        members.add(new Member("node", false, -1));
        return members;
    }

    String peers() {
        return String.join(",", members().stream().filter(Member::replica)
                .map(member -> member.name() + "@" + member.address(this)).toList());
    }

    RaftGroup notaryGroup() {
        return RaftNotaryGroup.parse(LocalNetwork.GROUP_NAME, peers());
    }

    int nodePort() {
        return nodePort;
    }

    PostgresServer postgres() {
        return postgres;
    }

    Path logsFolder() {
        return networkFolder.resolve("logs");
    }

    Path log(Member member) {
        return logsFolder().resolve(member.name() + ".log");
    }

    Path memberFolder(Member member) {
        return networkFolder.resolve(member.name());
    }

    /** The notary cluster's service key, shared by the three replicas of this machine's network. */
    Path serviceKeyFile() {
        return networkFolder.resolve(SERVICE_KEY_FILE);
    }

    /** The service key, written on first use and the same ever after: the ledger's transactions name it. */
    synchronized NotaryServiceKey serviceKey() {
        Path file = serviceKeyFile();
        if (!Files.exists(file)) {
            NotaryServiceKey.generate().write(file);
        }
        return NotaryServiceKey.load(file);
    }

    void createFolders() {
        try {
            Files.createDirectories(logsFolder());
            Files.createDirectories(networkFolder.resolve("pids"));
            for (Member member : members()) {
                Files.createDirectories(memberFolder(member));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the network's folders under " + networkFolder, e);
        }
    }

    /** The kind kept from the first start, else the one asked for (auto: PostgreSQL if it answers). */
    boolean usePostgres() {
        Path kept = networkFolder.resolve(DATABASE_FILE);
        if (Files.exists(kept)) {
            String kind = LocalNetwork.read(kept);
            if (database != Database.AUTO && !database.name().equalsIgnoreCase(kind)) {
                throw new IllegalStateException("this network's members keep their data in " + kind
                        + " (see " + kept + "); remove the network's folder to start over on another database");
            }
            return Database.POSTGRES.name().equalsIgnoreCase(kind);
        }
        boolean postgresChosen = switch (database) {
            case H2 -> false;
            case POSTGRES -> true;
            case AUTO -> postgres.answers();
        };
        write(kept, postgresChosen ? "postgres" : "h2");
        return postgresChosen;
    }

    /** The member's process, if its pid file names a live process started for this member (not a reused pid). */
    Optional<ProcessHandle> runningProcess(Member member) {
        Path file = pidFile(member);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(LocalNetwork.read(file));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String folder = memberFolder(member).toString();
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(process -> process.info().commandLine().map(line -> line.contains(folder)).orElse(true));
    }

    void writePid(Member member, long pid) {
        write(pidFile(member), Long.toString(pid));
    }

    void removePid(Member member) {
        try {
            Files.deleteIfExists(pidFile(member));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + pidFile(member), e);
        }
    }

    private Path pidFile(Member member) {
        return networkFolder.resolve("pids").resolve(member.name() + ".pid");
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
