package io.clearline.ops.cli;

import io.clearline.iso20022.cli.IsoValidate;
import io.clearline.ops.ClearlineApplication;
import io.clearline.ops.load.LoadGenerator;
import io.clearline.ops.network.LocalNetwork;
import io.clearline.ops.notary.NotaryReplicaCommand;
import java.util.Arrays;

/**
 * The one entry point of the node's jar, behind {@code ./clearline}: {@code node} runs the node,
 * {@code iso validate FILE...} checks messages offline, {@code load ...} runs the load generator,
 * {@code notary ...} runs one replica of a Raft notary cluster, {@code network up|down|status} a local
 * network of separate processes.
 */
public final class Main {
    private static final int USAGE_ERROR = 2;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(USAGE_ERROR);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "node" -> ClearlineApplication.main(rest);
            case "iso" -> {
                if (rest.length == 0 || !"validate".equals(rest[0])) {
                    usage();
                    System.exit(USAGE_ERROR);
                }
                IsoValidate.main(Arrays.copyOfRange(rest, 1, rest.length));
            }
            case "load" -> System.exit(LoadGenerator.run(rest));
            case "notary" -> System.exit(NotaryReplicaCommand.run(rest));
            case "network" -> System.exit(LocalNetwork.run(rest));
            default -> {
                usage();
                System.exit(USAGE_ERROR);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: clearline node [--spring.profiles.active=demo] [--server.port=8080] [--clearline.data-dir=./data]
                       clearline iso validate FILE...
                       clearline load [--url URL] [--rate N] [--count N] [--duration SECONDS] [--banks BIC,BIC,...]
                       clearline notary keygen --out FILE
                       clearline notary --id ID --peers ID@HOST:PORT,... --service-key FILE [--group NAME] [--data-dir FOLDER] [--jdbc-url URL]
                       clearline network up|down|status [--data-dir ./data] [--port 8080] [--database auto|postgres|h2]""");
    }
}
