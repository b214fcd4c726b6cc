package io.clearline.ops.bench;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.payment.api.PaymentReferences;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.ops.ClearlineApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * Payments per second through the settlement core alone: the node as it runs (Axon, the event store on
 * H2 or PostgreSQL, sagas, projections, outbound messages), with a ledger that settles at once in place
 * of the flows. Commands go straight to the command gateway, so neither HTTP nor ISO 20022 parsing is
 * measured either. Run it by hand (BENCHMARKS.md has the command); it is not a test.
 *
 * <p>Arguments: {@code h2|postgres} {@code payments} {@code in-flight}.
 */
public final class CoreThroughputBenchmark {
    private static final List<Bic> DEMO_BANKS = List.of(Bic.of("ALPHEUAAXXX"), Bic.of("BRAVEUBBXXX"),
            Bic.of("CHRLEUCCXXX"), Bic.of("DELTEUDDXXX"));
    private static final Duration SETTLE_WAIT_MAX = Duration.ofMinutes(10);

    public static void main(String[] args) throws Exception {
        String storage = args.length > 0 ? args[0] : "h2";
        int payments = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int inFlight = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        Path dataDir = Files.createTempDirectory("clearline-core-bench");
        List<String> properties = new ArrayList<>(List.of("clearline.data-dir=" + dataDir,
                "clearline.lsm.schedule.enabled=false", "server.port=0", "axoniq.update-checker.disabled=true"));
        String profiles = "demo";
        if (storage.equals("postgres")) {
            String database = "clearline_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            try (Connection server = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres",
                    "postgres", ""); Statement statement = server.createStatement()) {
                statement.execute("CREATE DATABASE " + database);
            }
            properties.add("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/" + database);
            profiles = "demo,postgres";
        }
        // Registered by hand, not as a @Configuration: the node's component scan would find one in the test
        // classes and put the instant ledger under every node test.
        try (ConfigurableApplicationContext node = new SpringApplicationBuilder(ClearlineApplication.class)
                .initializers(context -> ((GenericApplicationContext) context).registerBean("instantLedgerPort",
                        LedgerPort.class, InstantLedgerPort::new, definition -> definition.setPrimary(true)))
                .profiles(profiles.split(","))
                .run(properties.stream().map(property -> "--" + property).toArray(String[]::new))) {
            run(node, storage, payments, inFlight);
        }
    }

    private static void run(ConfigurableApplicationContext node, String storage, int payments, int inFlight)
            throws InterruptedException {
        CommandGateway commands = node.getBean(CommandGateway.class);
        QueryGateway queries = node.getBean(QueryGateway.class);
        MeterRegistry metrics = node.getBean(MeterRegistry.class);
        awaitDemoBanks(queries);
        for (Bic bank : DEMO_BANKS) {
            System.out.println("opening position of " + bank + ": " + queries.query(new FindPositionQuery(bank),
                    ResponseTypes.instanceOf(PositionView.class)).join().currencies());
        }
        // Warm-up: the JIT and the caches, then the figures start from what has settled by then.
        submit(commands, 2_000, inFlight);
        awaitSettled(metrics, 2_000);
        double before = settled(metrics);

        long start = System.nanoTime();
        submit(commands, payments, inFlight);
        long submitted = System.nanoTime();
        awaitSettled(metrics, before + payments);
        long done = System.nanoTime();
        double seconds = (done - start) / 1e9;
        System.out.printf("core alone on %s: %d payments, %d in flight: submitted in %.1f s, all settled in %.1f s"
                        + " = %.0f payments/s%n", storage, payments, inFlight, (submitted - start) / 1e9, seconds,
                payments / seconds);
    }

    private static void submit(CommandGateway commands, int payments, int inFlight) throws InterruptedException {
        Semaphore permits = new Semaphore(inFlight);
        for (int index = 0; index < payments; index++) {
            permits.acquire();
            Bic payer = DEMO_BANKS.get(index % DEMO_BANKS.size());
            Bic payee = DEMO_BANKS.get((index + 1 + ThreadLocalRandom.current().nextInt(DEMO_BANKS.size() - 1))
                    % DEMO_BANKS.size());
            String uetr = UUID.randomUUID().toString();
            String messageId = "BENCH-" + uetr.substring(0, 8);
            commands.send(new SubmitPaymentCommand(Uetr.of(uetr), payer, payee, Money.of(100, "EUR"),
                            new PaymentReferences(messageId, "pacs.008.001.08", messageId, "E2E-" + messageId),
                            uetr))
                    .whenComplete((result, failure) -> permits.release());
        }
        permits.acquire(inFlight);
    }

    private static void awaitDemoBanks(QueryGateway queries) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT_MAX.toNanos();
        while (queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .join().size() < DEMO_BANKS.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo banks were not admitted in time");
            }
            Thread.sleep(100);
        }
        Thread.sleep(2_000);
    }

    private static double settled(MeterRegistry metrics) {
        return metrics.find("clearline.payments").tag("outcome", "settled").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private static void awaitSettled(MeterRegistry metrics, double count) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_WAIT_MAX.toNanos();
        while (settled(metrics) < count) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + settled(metrics) + " of " + count + " settled in "
                        + SETTLE_WAIT_MAX + "; other outcomes: " + Arrays.toString(metrics.find("clearline.payments")
                        .counters().stream().map(counter -> counter.getId().getTags() + "=" + counter.count())
                        .toArray()));
            }
            Thread.sleep(20);
        }
    }

    private CoreThroughputBenchmark() {
    }
}
