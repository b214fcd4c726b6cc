package io.clearline.flows.bench;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.ledger.BatchNotarySigner;
import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.JdbcUniquenessService;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.LedgerSchema;
import io.clearline.flows.ledger.Notary;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TestTokens;
import io.clearline.flows.ledger.TransactionVerifier;
import io.clearline.flows.settlement.ClearlineLedger;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.IntFunction;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A plain harness (not a test): notarisations per second on the batched single-node notary, and
 * two-party payment flows per second in one process, on H2 in memory. Usage and figures: BENCHMARKS.md.
 * Arguments: operations per measured run (default 20000), in flight (default 64).
 */
public final class LedgerBenchmark {
    /** Warm-up runs before each measured one, so the JIT has compiled the hot path. */
    private static final int WARM_UP_RUNS = 2;

    public static void main(String[] args) throws Exception {
        int operations = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        notarisations(operations, inFlight);
        payments(operations / 10, inFlight);
    }

    private static void notarisations(int count, int inFlight) throws Exception {
        Jdbc jdbc = new Jdbc(h2());
        LedgerSchema.create(jdbc);
        IdentityService identities = new IdentityService(jdbc, Clock.systemUTC());
        Party notaryParty = identities.getOrCreate("notary");
        Party owner = identities.getOrCreate("OWNER");
        LedgerCodecs codecs = TestTokens.codecs();
        // Wired as ClearlineLedger wires it: batched commits, one signature per batch.
        Notary notary = new Notary(notaryParty, new BatchingUniquenessService(new JdbcUniquenessService(jdbc),
                ClearlineLedger.NOTARY_BATCH_SIZE_MAX, ClearlineLedger.NOTARY_BATCH_WAIT_MAX,
                ClearlineLedger.NOTARY_QUEUE_CAPACITY_MAX), new TransactionVerifier(codecs), Clock.systemUTC(),
                new BatchNotarySigner(identities, notaryParty, ClearlineLedger.NOTARY_BATCH_SIZE_MAX,
                        ClearlineLedger.NOTARY_BATCH_WAIT_MAX, ClearlineLedger.NOTARY_QUEUE_CAPACITY_MAX));
        for (int run = 0; run <= WARM_UP_RUNS; run++) {
            // Signed before the clock starts: only the notary's own work is measured.
            List<SignedTransaction> spends = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                spends.add(TestTokens.spend(codecs, identities, notaryParty, owner,
                        new StateRef(UUID.randomUUID().toString(), 0), owner));
            }
            report(run, "notarisations, " + inFlight + " in flight", count, inFlight, i -> {
                if (!(notary.notarise(spends.get(i)) instanceof Notary.Notarised)) {
                    throw new IllegalStateException("refused " + spends.get(i).id());
                }
            });
        }
    }

    private static void payments(int count, int inFlight) throws Exception {
        try (ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor()) {
            ClearlineLedger ledger = ClearlineLedger.open(h2(), Clock.systemUTC(), flows, "CBANKXXX", "notary",
                    "regulator");
            Bic payer = Bic.of("BANKAAAA");
            Bic payee = Bic.of("BANKBBBB");
            ledger.admit(payer);
            ledger.admit(payee);
            // Many issuances: 8 cash states each, enough that 64 parallel payments do not queue on one state.
            for (int i = 0; i < 2 * inFlight; i++) {
                ledger.ledgerPort().issueCash(new CashIssuanceRequest("bench-" + i, payer,
                        Money.of(1_000_000_000_000L, "EUR"))).join();
            }
            for (int run = 0; run <= WARM_UP_RUNS; run++) {
                for (int parallel : new int[] {1, inFlight}) {
                    report(run, "payment flows, " + parallel + " in flight", count, parallel, i -> ledger.ledgerPort()
                            .settlePayment(new PaymentSettlementRequest(Uetr.of(UUID.randomUUID().toString()), payer,
                                    payee, Money.of(100 + i, "EUR"))).join());
                }
            }
        }
    }

    @FunctionalInterface
    private interface Operation {
        void run(int index) throws Exception;
    }

    /** Runs {@code count} operations with at most {@code inFlight} at once and prints the rate of measured runs. */
    private static void report(int run, String what, int count, int inFlight, Operation operation) throws Exception {
        Semaphore slots = new Semaphore(inFlight);
        List<CompletableFuture<Void>> done = new ArrayList<>(count);
        long startNanos = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            IntFunction<CompletableFuture<Void>> submit = i -> CompletableFuture.runAsync(() -> {
                try {
                    operation.run(i);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    slots.release();
                }
            }, threads);
            for (int i = 0; i < count; i++) {
                slots.acquire();
                done.add(submit.apply(i));
            }
            CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s %-36s %8d ops in %6.2f s = %8.0f /s%n", run < WARM_UP_RUNS ? "warm-up " : "MEASURED",
                what, count, seconds, count / seconds);
    }

    private static javax.sql.DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return h2;
    }

    private LedgerBenchmark() {
    }
}
