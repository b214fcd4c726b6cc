package io.clearline.flows.settlement;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import io.clearline.flows.transport.http.HttpTransport;
import io.clearline.flows.transport.http.HttpTransportSettings;
import io.clearline.flows.transport.http.PartyHosts;
import io.clearline.flows.transport.http.PeerAddresses;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.h2.jdbcx.JdbcDataSource;

/**
 * A plain harness (not a test): envelopes per second from one node to one peer over the HTTP/2
 * transport on loopback (beside the in-memory transport), and two-party payment flows per second
 * with every session envelope of the payment going through the HTTP transport (the one-node ledger
 * talks to itself over TLS). Usage and figures: BENCHMARKS.md.
 * Arguments: envelopes per run (default 200000), payload bytes (default 256), payments per run (default 1000),
 * payments in flight (default 64).
 */
public final class HttpTransportBenchmark {
    private static final int WARM_UP_RUNS = 2;
    private static final Duration RECEIVE_WAIT_MAX = Duration.ofSeconds(120);
    private static final long RESEND_WAIT_NANOS = 100_000;
    private static final Instant ISSUED_AT = Instant.now().minus(Duration.ofDays(1));

    public static void main(String[] args) throws Exception {
        int envelopes = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int payloadBytes = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int payments = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
        int inFlight = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        Ed25519.GeneratedKeyPair root = Ed25519.generate();
        Map<String, URI> addresses = new ConcurrentHashMap<>();
        for (int run = 0; run <= WARM_UP_RUNS; run++) {
            try (Transport sender = start(root, addresses, "node-a", party -> Optional.of("node-a"));
                 Transport receiver = start(root, addresses, "node-b", party -> Optional.of("node-a"))) {
                envelopes(run, "HTTP/2 + mTLS, one peer", sender, receiver, envelopes, payloadBytes);
            }
            try (Transport inMemory = new InMemoryTransport(FaultPlan.NONE)) {
                envelopes(run, "in-memory", inMemory, inMemory, envelopes, payloadBytes);
            }
        }
        HttpTransport overHttp = start(root, addresses, ClearlineLedger.LOCAL_NODE,
                party -> Optional.of(ClearlineLedger.LOCAL_NODE));
        payments("HTTP/2 + mTLS", overHttp, payments, inFlight);
        System.out.println("HTTP transport counters after the payments: " + overHttp.counters());
        payments("in-memory", new InMemoryTransport(FaultPlan.NONE), payments, inFlight);
    }

    private static HttpTransport start(Ed25519.GeneratedKeyPair root, Map<String, URI> addresses, String node,
                                       PartyHosts hosts) {
        PeerAddresses peerAddresses = peer -> Optional.ofNullable(addresses.get(peer));
        HttpTransport transport = HttpTransport.start(NetworkTls.issueNodeIdentity("Benchmark root",
                        root.privateKey(), node, node, ISSUED_AT), NetworkTls.rootKey(root.publicKey()),
                peerAddresses, hosts, HttpTransportSettings.LOOPBACK);
        addresses.put(node, URI.create("https://127.0.0.1:" + transport.port()));
        return transport;
    }

    /** Sends {@code count} envelopes as fast as the sender takes them (spinning on a full queue) and waits for all. */
    private static void envelopes(int run, String what, Transport sender, Transport receiver, int count,
                                  int payloadBytes) throws InterruptedException {
        AtomicLong received = new AtomicLong();
        CompletableFuture<Void> all = new CompletableFuture<>();
        receiver.register("node-b", envelope -> {
            if (received.incrementAndGet() == count) {
                all.complete(null);
            }
        });
        byte[] payload = new byte[payloadBytes];
        long refusals = 0;
        long startNanos = System.nanoTime();
        for (int sequence = 0; sequence < count; sequence++) {
            Envelope envelope = new Envelope("node-a", "A", "node-b", "B", "bench", sequence, EnvelopeKind.DATA,
                    payload);
            while (!sender.send(envelope)) {
                // As an outbox would, wait before resending; spinning would take a core from the transport.
                refusals++;
                LockSupport.parkNanos(RESEND_WAIT_NANOS);
            }
        }
        try {
            all.get(RECEIVE_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // Without an outbox nothing resends a batch the transport gave up on: report it, do not hang.
            System.out.printf("only %d of %d envelopes arrived within %s; sender %s%n", received.get(), count,
                    RECEIVE_WAIT_MAX, sender instanceof HttpTransport http ? http.counters() : "in memory");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%s envelopes, %-26s %8d of %5d bytes in %6.2f s = %9.0f /s (%d sends refused: queue full)%n",
                run < WARM_UP_RUNS ? "warm-up " : "MEASURED", what, count, payloadBytes, seconds, count / seconds,
                refusals);
        receiver.unregister("node-b");
    }

    private static void payments(String what, Transport transport, int count, int inFlight) throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        try (ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
             ClearlineLedger ledger = ClearlineLedger.open(h2, Clock.systemUTC(), flows, "CBANKXXX", "notary",
                     "regulator", ClearlineLedger.Node.on(ClearlineLedger.LOCAL_NODE, transport,
                             NetworkMap.singleNode(ClearlineLedger.LOCAL_NODE)))) {
            Bic payer = Bic.of("BANKAAAA");
            Bic payee = Bic.of("BANKBBBB");
            ledger.admit(payer);
            ledger.admit(payee);
            for (int i = 0; i < 2 * inFlight; i++) {
                ledger.ledgerPort().issueCash(new CashIssuanceRequest("bench-" + i, payer,
                        Money.of(1_000_000_000_000L, "EUR"))).join();
            }
            for (int run = 0; run <= WARM_UP_RUNS; run++) {
                for (int parallel : new int[] {1, inFlight}) {
                    Semaphore slots = new Semaphore(parallel);
                    List<CompletableFuture<?>> done = new ArrayList<>(count);
                    long startNanos = System.nanoTime();
                    for (int i = 0; i < count; i++) {
                        slots.acquire();
                        done.add(ledger.ledgerPort().settlePayment(new PaymentSettlementRequest(
                                        Uetr.of(UUID.randomUUID().toString()), payer, payee, Money.of(100 + i, "EUR")))
                                .whenComplete((outcome, failure) -> slots.release()));
                    }
                    CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
                    double seconds = (System.nanoTime() - startNanos) / 1e9;
                    System.out.printf("%s payment flows, %-14s %2d in flight %6d in %6.2f s = %6.0f /s%n",
                            run < WARM_UP_RUNS ? "warm-up " : "MEASURED", what, parallel, count, seconds,
                            count / seconds);
                }
            }
        }
    }

    private HttpTransportBenchmark() {
    }
}
