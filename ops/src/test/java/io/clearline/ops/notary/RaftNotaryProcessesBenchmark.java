package io.clearline.ops.notary;

import ch.qos.logback.classic.Level;
import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.UniquenessService;
import io.clearline.flows.notary.raft.RaftNotaryProbe;
import io.clearline.flows.notary.raft.RaftUniquenessService;
import io.clearline.flows.settlement.ClearlineLedger;
import io.clearline.ops.cli.CommandLogging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Notarisations per second decided by a Raft notary cluster of three replica JVMs on loopback, as the
 * node asks it: group commit ({@link BatchingUniquenessService}, the ledger's batch limits) in front of
 * the cluster's client, each request one transaction spending two fresh states. It measures the
 * uniqueness decision (a Raft round trip to a quorum and each replica's database commit), not the
 * signatures around it. Run it by hand (BENCHMARKS.md has the command); it is not a test.
 *
 * <p>Arguments: {@code notarisations} per measured run, {@code in-flight} requests.
 */
public final class RaftNotaryProcessesBenchmark {
    private static final Duration QUORUM_WAIT_MAX = Duration.ofMinutes(2);
    private static final Duration RUN_WAIT_MAX = Duration.ofMinutes(10);
    private static final int WARM_UP_RUNS = 2;

    private RaftNotaryProcessesBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int notarisations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        // Logback's default is DEBUG for everything: the client's own logging would be what is measured.
        CommandLogging.levels(Level.WARN, Level.WARN);
        Path folder = Files.createTempDirectory("clearline-raft-bench");
        try (NotaryReplicaProcesses replicas = new NotaryReplicaProcesses(folder, 3, 100_000);
             RaftNotaryProbe probe = new RaftNotaryProbe(replicas.group(), Duration.ofSeconds(1))) {
            replicas.startAll();
            long deadline = System.nanoTime() + QUORUM_WAIT_MAX.toNanos();
            while (!probe.probe().quorumReachable()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no quorum within " + QUORUM_WAIT_MAX + "; logs in " + folder);
                }
                Thread.sleep(200);
            }
            // As a node in raft mode asks: every committing answer signed by the service key and verified.
            try (RaftUniquenessService cluster = new RaftUniquenessService(replicas.group(),
                    RaftUniquenessService.Limits.DEFAULTS, replicas.servicePublicKey())) {
                BatchingUniquenessService notary = new BatchingUniquenessService(cluster,
                        ClearlineLedger.NOTARY_BATCH_SIZE_MAX, ClearlineLedger.NOTARY_BATCH_WAIT_MAX,
                        ClearlineLedger.NOTARY_QUEUE_CAPACITY_MAX);
                for (int run = 0; run <= WARM_UP_RUNS; run++) {
                    String label = run < WARM_UP_RUNS ? "warm-up " + (run + 1) : "measured";
                    double perSecond = run(notary, "run" + run, notarisations, inFlight);
                    System.out.printf("%s: %,d notarisations, %d in flight: %,.0f/s%n", label, notarisations,
                            inFlight, perSecond);
                }
            }
        }
    }

    private static double run(UniquenessService notary, String tag, int notarisations, int inFlight)
            throws Exception {
        Semaphore window = new Semaphore(inFlight);
        List<Future<UniquenessService.Result>> results = new ArrayList<>(notarisations);
        long started = System.nanoTime();
        try (ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < notarisations; i++) {
                String transaction = tag + "-tx-" + i;
                window.acquire();
                results.add(callers.submit(() -> {
                    try {
                        return notary.commit(List.of(new StateRef(transaction + "-in", 0),
                                new StateRef(transaction + "-in", 1)), transaction, Instant.now());
                    } finally {
                        window.release();
                    }
                }));
            }
            for (Future<UniquenessService.Result> result : results) {
                if (!(result.get(RUN_WAIT_MAX.toSeconds(), TimeUnit.SECONDS) instanceof UniquenessService.Committed)) {
                    throw new IllegalStateException("a fresh transaction was refused: " + result.get());
                }
            }
        }
        return notarisations / ((System.nanoTime() - started) / 1e9);
    }
}
