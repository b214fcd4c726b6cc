package io.clearline.ops.notary;

import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.notary.raft.RaftNotaryProbe;
import io.clearline.flows.notary.raft.RaftUniquenessService;
import io.clearline.flows.settlement.ClearlineLedger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger notarising through three notary replicas, each a separate JVM ({@code clearline notary}) on
 * loopback, while payments flow: one replica killed with {@code kill -9} (the leader, the hardest case),
 * commits go on; a second killed, commits stop (one replica alone never decides: no split brain); one
 * back, commits resume; both back, every replica catches up with the leader. No payment fails on the
 * way: the ledger's client of the cluster waits rather than gives up.
 */
class SeparateProcessNotaryClusterTest {
    private static final Bic SINK = Bic.of("SINKDEFFXXX");
    /** Payers paying concurrently, each its own bank, so that they never wait on each other's cash. */
    private static final int PAYERS = 6;
    private static final long CASH_PER_PAYER = 1_000_000;
    /** Payments that must settle to count as "commits go on". */
    private static final int PROGRESS_PAYMENTS = 10;
    /** How long the test waits for something that should happen: elections take 1 to 2 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(45);
    /** How long commits must stay stopped without a quorum: several election timeouts. */
    private static final Duration NO_QUORUM_OBSERVED = Duration.ofSeconds(4);
    private static final RaftUniquenessService.Limits CLIENT_LIMITS = new RaftUniquenessService.Limits(
            Duration.ofSeconds(2), 4, Duration.ofMillis(20), Duration.ofMillis(500));

    @TempDir
    Path folder;

    private NotaryReplicaProcesses replicas;
    private RaftUniquenessService notary;
    private RaftNotaryProbe probe;
    private final ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
    private final ExecutorService payers = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicBoolean paying = new AtomicBoolean(true);
    private final AtomicLong settled = new AtomicLong();
    private final Queue<Throwable> failures = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stopEverything() {
        paying.set(false);
        // The client first: a flow still waiting for a quorum then fails instead of holding the executors.
        if (notary != null) {
            notary.close();
        }
        if (probe != null) {
            probe.close();
        }
        payers.shutdownNow();
        flows.shutdownNow();
        if (replicas != null) {
            replicas.close();
        }
    }

    @Test
    void commitsSurviveOneReplicaKilledStopWithoutAQuorumAndResumeWhenItIsBack() throws Exception {
        replicas = new NotaryReplicaProcesses(folder, 3, 50);
        replicas.startAll();
        // The node holds no notary key: the replicas sign with the service key, and the client checks it.
        notary = new RaftUniquenessService(replicas.group(), CLIENT_LIMITS, replicas.servicePublicKey());
        probe = new RaftNotaryProbe(replicas.group(), Duration.ofSeconds(1));
        await("a leader with a quorum", () -> probe.probe().quorumReachable());

        JdbcDataSource database = new JdbcDataSource();
        database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ClearlineLedger ledger = ClearlineLedger.open(database, Clock.systemUTC(), flows, "CBANKXXX", "notary",
                "regulator", notary, replicas.servicePublicKey());
        ledger.admit(SINK);
        List<Future<?>> payments = new ArrayList<>();
        for (int i = 0; i < PAYERS; i++) {
            Bic payer = Bic.of("PAYR" + (char) ('A' + i) + "EFFXXX");
            ledger.admit(payer);
            ledger.ledgerPort().issueCash(new CashIssuanceRequest("pledge-" + i, payer,
                    Money.of(CASH_PER_PAYER, "EUR"))).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            payments.add(payers.submit(() -> payContinuously(ledger, payer)));
        }

        awaitProgress("payments settle with three replicas");
        String leader = probe.probe().leader().orElseThrow();
        replicas.kill(leader);
        awaitProgress("payments settle after the leader " + leader + " was killed");

        String second = replicas.ids().stream().filter(replicas::isRunning).findFirst().orElseThrow();
        replicas.kill(second);
        // Commits already decided may still be answered; then nothing more settles.
        Thread.sleep(NO_QUORUM_OBSERVED.toMillis());
        long stalled = settled.get();
        Thread.sleep(NO_QUORUM_OBSERVED.toMillis());
        assertThat(settled.get()).as("payments settled while one replica of three ran").isEqualTo(stalled);
        assertThat(probe.probe().quorumReachable()).isFalse();

        replicas.start(leader);
        awaitProgress("payments settle again once " + leader + " is back");
        replicas.start(second);
        paying.set(false);
        for (Future<?> payment : payments) {
            payment.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }
        assertThat(failures).as("payments that failed").isEmpty();
        await("every replica caught up with the leader", () -> {
            RaftNotaryProbe.ClusterStatus status = probe.probe();
            return status.reachableCount() == 3 && status.lagEntriesMax() == 0 && status.replicas().stream()
                    .map(RaftNotaryProbe.ReplicaStatus::commitIndex).distinct().count() == 1;
        });
        assertThat(ledger.cashBalance(SINK, "EUR")).isEqualTo(settled.get());
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ledger.issued("EUR"))
                .isEqualTo(PAYERS * CASH_PER_PAYER);
        assertThat(ledger.audit().clean()).isTrue();
    }

    private void payContinuously(ClearlineLedger ledger, Bic payer) {
        while (paying.get()) {
            try {
                ledger.ledgerPort().settlePayment(new PaymentSettlementRequest(Uetr.of(UUID.randomUUID().toString()),
                        payer, SINK, Money.of(1, "EUR"))).join();
                settled.incrementAndGet();
            } catch (RuntimeException e) {
                if (paying.get()) {
                    failures.add(e);
                }
                return;
            }
        }
    }

    private void awaitProgress(String what) {
        long from = settled.get();
        long started = System.nanoTime();
        await(what, () -> settled.get() >= from + PROGRESS_PAYMENTS);
        // For reading a slow run: which phase took the time.
        System.out.printf("%s: %d ms (%d settled in all)%n", what,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), settled.get());
    }

    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(failures).as("payments that failed").isEmpty();
            List<String> died = replicas.died();
            if (!died.isEmpty()) {
                throw new AssertionError("replicas " + died + " exited by themselves while waiting until " + what
                        + ":\n" + replicas.logTail(died.get(0)));
            }
            if (System.nanoTime() > deadline) {
                StringBuilder logs = new StringBuilder();
                for (String id : replicas.ids()) {
                    logs.append("\n--- ").append(id).append(replicas.isRunning(id) ? " (running)" : " (stopped)")
                            .append('\n').append(replicas.logTail(id));
                }
                throw new AssertionError("gave up waiting (" + PATIENCE + ") until " + what + "; settled "
                        + settled.get() + logs);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting until " + what, e);
            }
        }
    }
}
