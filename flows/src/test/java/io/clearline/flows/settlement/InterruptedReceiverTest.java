package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.FaultyDataSource.invoke;
import static io.clearline.flows.settlement.FaultyDataSource.proxy;
import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static io.clearline.flows.settlement.LedgerFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Money;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.runtime.Flow;
import io.clearline.flows.runtime.FlowCodec;
import io.clearline.flows.runtime.FlowContext;
import io.clearline.flows.runtime.FlowDefinition;
import io.clearline.flows.runtime.FlowHospital;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.FlowSessionException;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivering thread interrupted while the sessions take an envelope in: at every point, one point
 * per payment, for each envelope a payment's sessions deliver. H2 in memory ignores interrupts, so the
 * data source plays a driver that honours them as PostgreSQL's does on a virtual thread (an interrupt
 * closes the socket): a call made while the thread is interrupted fails with a broken connection, and a
 * commit interrupted fails after it reached the database (the worst case: the caller cannot tell it
 * committed). A hand-over to the transport while interrupted is refused, as an interruptible queue's
 * would be. The interrupted thread's place is then taken by a fresh one, as a restarted receiver's.
 */
class InterruptedReceiverTest {
    private static final long ISSUED = 1_000_000;
    private static final long AMOUNT = 100;
    private static final int ISSUANCES = 5;
    /** A lost session shows as the payer's refusal after this (a healthy one needs one resend, 200 ms). */
    private static final Duration PAYEE_ANSWER_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(60);
    /** Envelopes of one payment that are interrupted in turn: more than a payment delivers. */
    private static final int ENVELOPES_PER_PAYMENT_MAX = 8;
    /** Points of one delivery interrupted in turn: more than one delivery passes. */
    private static final int POINTS_PER_DELIVERY_MAX = 40;

    private final Interruption interruption = new Interruption();
    private final DataSource database = interruption.dataSource(LedgerFixture.dataSource());
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private ClearlineLedger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
        executor.shutdownNow();
    }

    @Test
    void aDeliveryInterruptedAnywhereLeavesItsEnvelopeStoredAndActedOnOrUnacknowledgedSoEveryPaymentSettlesOnce()
            throws Exception {
        ledger = ClearlineLedger.open(database, Clock.systemUTC(), executor, "CBANKXXX", "notary", "regulator",
                ClearlineLedger.Node.on(ClearlineLedger.LOCAL_NODE,
                        new InterruptingTransport(new InMemoryTransport(FaultPlan.NONE), interruption),
                        NetworkMap.singleNode(ClearlineLedger.LOCAL_NODE)).withPayeeAnswerTimeout(PAYEE_ANSWER_TIMEOUT));
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);
        for (int transfer = 0; transfer < ISSUANCES; transfer++) {
            ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-" + transfer, BANK_A,
                    Money.of(ISSUED / ISSUANCES, "EUR"))).get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        }

        List<String> uetrs = new ArrayList<>();
        Set<String> transactions = new HashSet<>();
        List<String> interruptedAt = new ArrayList<>();
        for (int envelope = 1; envelope <= ENVELOPES_PER_PAYMENT_MAX; envelope++) {
            for (int point = 1; point <= POINTS_PER_DELIVERY_MAX; point++) {
                awaitQuiet();
                interruption.arm(envelope, point);
                String uetr = newUetr();
                uetrs.add(uetr);
                String transaction;
                try {
                    transaction = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, AMOUNT))
                            .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).transactionId();
                } catch (ExecutionException failed) {
                    throw new AssertionError("the payment whose envelope " + envelope + " was interrupted at point "
                            + point + " (" + interruption.disarm() + ") failed", failed.getCause());
                }
                transactions.add(transaction);
                String struck = interruption.disarm();
                if (struck == null) {
                    break;
                }
                interruptedAt.add("envelope " + envelope + " point " + point + ": " + struck);
            }
        }

        // A payment's payee gets its INIT (with the proposal) and the payer its LAST (with the signature):
        // every point of both was struck, 20 payments, each settled.
        assertThat(interruptedAt).as("interruptions that struck")
                .anyMatch(at -> at.contains("INIT") && at.contains("commit"))
                .anyMatch(at -> at.contains("INIT") && at.contains("sending ACK"))
                .anyMatch(at -> at.contains("DATA") || at.contains("LAST"));
        awaitQuiet();
        int payments = uetrs.size();
        assertThat(transactions).as("one transaction per payment").hasSize(payments);
        for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false))
                    .as("payments recorded at %s", holder.name()).isEqualTo(payments);
        }
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED - payments * AMOUNT);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(payments * AMOUNT);
        assertThat(ledger.audit().clean()).isTrue();
        assertThat(ledger.audit().paymentsRecorded()).isEqualTo(payments);
        assertThat(query(database, "SELECT COUNT(*) FROM flow_checkpoint WHERE flow_id LIKE 'responder:%'"
                + " AND flow_status = 'COMPLETED'")).as("payee responders, each run to its end once")
                .containsExactly(Integer.toString(payments));
        assertThat(query(database, "SELECT flow_id FROM flow_checkpoint WHERE flow_status <> 'COMPLETED'"))
                .as("flows left unfinished").isEmpty();
    }

    @Test
    void aSessionRefusalInterruptedAnywhereStillReachesTheInitiatorWhoseReceiveThrowsTheReason() throws Exception {
        // Node B has no responder for AskFlow: it refuses the session with an ERROR written to its outbox
        // in the transaction that stores the INIT. Interrupted at its commit, the ERROR stayed unsent.
        DataSource databaseA = LedgerFixture.dataSource();
        Transport transport = new InterruptingTransport(new InMemoryTransport(FaultPlan.NONE), interruption);
        FlowRunner nodeA = runner(databaseA).connect("node-a", transport, ASK_NETWORK);
        FlowRunner nodeB = runner(database).connect("node-b", transport, ASK_NETWORK);
        List<String> interruptedAt = new ArrayList<>();
        for (int point = 1; point <= POINTS_PER_DELIVERY_MAX; point++) {
            interruption.arm(1, point);
            CompletableFuture<String> outcome = nodeA.start("ask-" + point, new AskFlow("question " + point));
            assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                    .as("the session refused with its INIT interrupted at point %d", point)
                    .cause().isInstanceOf(FlowSessionException.class)
                    .hasMessageContaining("has no responder for " + AskFlow.class.getName());
            String struck = interruption.disarm();
            if (struck == null) {
                break;
            }
            interruptedAt.add(struck);
        }
        assertThat(interruptedAt).as("interruptions that struck").anyMatch(at -> at.contains("INIT at commit"))
                .anyMatch(at -> at.contains("INIT at sending ERROR"));
        transport.close();
        nodeB.disconnect();
        nodeA.disconnect();
    }

    private static final NetworkMap ASK_NETWORK = party -> Optional.of(party.equals("A") ? "node-a" : "node-b");

    private FlowRunner runner(DataSource runnerDatabase) {
        return new FlowRunner(new Jdbc(runnerDatabase), new SoftLocks(Duration.ofMinutes(1)), Clock.systemUTC(),
                executor, new FlowHospital(failure -> true), FlowRunner.Limits.DEFAULTS).register(AskFlow.DEFINITION);
    }

    /** A asks B a question on a session and waits for the answer. */
    record AskFlow(String question) implements Flow<String> {
        static final FlowDefinition<AskFlow, String> DEFINITION = new FlowDefinition<>(AskFlow.class,
                FlowCodec.STRING.map(AskFlow::question, AskFlow::new), FlowCodec.STRING);

        @Override
        public String call(FlowContext context) throws Exception {
            return context.initiateFlow("A", "B").sendAndReceive(FlowCodec.STRING, question, FlowCodec.STRING,
                    PAYEE_ANSWER_TIMEOUT, answer -> { });
        }
    }

    /**
     * Waits (bounded) until no flow runs and the outbox is empty: the last payment's closing envelopes and
     * acknowledgements are through, so the next payment's envelopes are counted from its first.
     */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + OUTCOME_WAIT_MAX.toNanos();
        while (ledger.flowRunner().runningCount() > 0
                || !query(database, "SELECT COUNT(*) FROM flow_outbox").equals(List.of("0"))) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("flows still running or envelopes unacknowledged after " + OUTCOME_WAIT_MAX);
            }
            Thread.sleep(10);
        }
    }

    /**
     * Which delivery is interrupted (the n-th envelope other than an acknowledgement since arming) and at
     * which point of it (the n-th event on its thread: the delivery begun, a call to the database, a
     * hand-over to the transport).
     */
    static final class Interruption {
        private int envelopeArmed;
        private int pointArmed;
        private int delivered;
        private int events;
        private Thread victim;
        private String struck;
        private String delivering;

        synchronized void arm(int envelope, int point) {
            envelopeArmed = envelope;
            pointArmed = point;
            delivered = 0;
            struck = null;
        }

        /** @return where the interruption struck, or null if the delivery armed never reached the point */
        synchronized String disarm() {
            envelopeArmed = 0;
            return struck;
        }

        /** Whether this delivery is the one armed: if so, the current thread is its victim until {@link #delivered}. */
        synchronized boolean delivering(Envelope envelope) {
            if (envelopeArmed == 0 || envelope.kind() == EnvelopeKind.ACK || ++delivered != envelopeArmed) {
                return false;
            }
            victim = Thread.currentThread();
            delivering = envelope.kind().name();
            events = 0;
            return true;
        }

        synchronized void delivered() {
            victim = null;
        }

        /** Counts an event on the victim's thread and interrupts it at the armed one; says whether it is interrupted. */
        synchronized boolean event(String what) {
            if (Thread.currentThread() != victim) {
                return false;
            }
            if (++events == pointArmed) {
                struck = delivering + " at " + what;
                Thread.currentThread().interrupt();
            }
            return Thread.currentThread().isInterrupted();
        }

        DataSource dataSource(DataSource target) {
            return proxy(DataSource.class, (self, method, args) -> {
                if (method.getName().equals("getConnection") && event("getConnection")) {
                    throw closedByInterrupt("getConnection");
                }
                Object result = invoke(target, method, args);
                return result instanceof Connection connection ? connection(connection) : result;
            });
        }

        private Connection connection(Connection connection) {
            return proxy(Connection.class, (self, method, args) -> {
                String name = method.getName();
                if (name.equals("close") || name.equals("rollback") || name.equals("isClosed")) {
                    return invoke(connection, method, args);
                }
                String what = name + (args != null && args.length > 0 && args[0] instanceof String sql
                        ? " " + sql.substring(0, Math.min(40, sql.length())) : "");
                if (!event(what)) {
                    return invoke(connection, method, args);
                }
                if (name.equals("commit")) {
                    // The commit reached the database; its answer did not.
                    invoke(connection, method, args);
                }
                throw closedByInterrupt(what);
            });
        }

        private static SQLException closedByInterrupt(String what) {
            return new SQLNonTransientConnectionException("connection closed by interrupt during " + what, "08006");
        }
    }

    /** Delivers through {@code target}, the armed delivery's thread interrupted as {@link Interruption} says. */
    private record InterruptingTransport(Transport target, Interruption interruption) implements Transport {
        @Override
        public void register(String node, Consumer<Envelope> receiver) {
            target.register(node, envelope -> {
                if (!interruption.delivering(envelope)) {
                    receiver.accept(envelope);
                    return;
                }
                try {
                    if (!interruption.event("delivery begun")) {
                        receiver.accept(envelope);
                    }
                    // Interrupted before the receiver was called: the stopping transport delivers nothing.
                } finally {
                    interruption.delivered();
                    // The interrupted thread is done with; its successor starts uninterrupted.
                    Thread.interrupted();
                }
            });
        }

        @Override
        public void unregister(String node) {
            target.unregister(node);
        }

        @Override
        public boolean send(Envelope envelope) {
            if (interruption.event("sending " + envelope.kind())) {
                // An interruptible hand-over refuses: nothing is sent.
                return false;
            }
            return target.send(envelope);
        }

        @Override
        public void close() {
            target.close();
        }
    }
}
