package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static io.clearline.flows.settlement.LedgerFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The payment's session to the payee over a transport that mistreats it, and a payee that never answers. */
class PaymentSessionFaultsTest {
    private static final long ISSUED = 1_000_000;
    private static final long AMOUNT = 100;
    private static final int ISSUANCES = 5;
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(60);

    private final DataSource database = LedgerFixture.dataSource();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private ClearlineLedger ledger;

    @AfterEach
    void close() {
        if (ledger != null) {
            ledger.close();
        }
        executor.shutdownNow();
    }

    private void open(Transport transport, Duration payeeAnswerTimeout) throws Exception {
        ledger = ClearlineLedger.open(database, Clock.systemUTC(), executor, "CBANKXXX", "notary", "regulator",
                ClearlineLedger.Node.on(ClearlineLedger.LOCAL_NODE, transport,
                        NetworkMap.singleNode(ClearlineLedger.LOCAL_NODE)).withPayeeAnswerTimeout(payeeAnswerTimeout));
        ledger.admit(BANK_A);
        ledger.admit(BANK_B);
        // Enough cash states for every payment to spend its own: the test is about the session, not about
        // payments queueing for each other's cash.
        for (int transfer = 0; transfer < ISSUANCES; transfer++) {
            ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-" + transfer, BANK_A,
                    Money.of(ISSUED / ISSUANCES, "EUR"))).get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void messagesDuplicatedDelayedReorderedAndDroppedByTheTransportStillSettleEveryPaymentExactlyOnceEverywhere()
            throws Exception {
        open(new InMemoryTransport(new FaultPlan(20261125, 0.2, 0.3, Duration.ofMillis(30), 0.3)),
                ClearlineLedger.PAYEE_ANSWER_TIMEOUT);
        int payments = 40;
        List<String> uetrs = IntStream.range(0, payments).mapToObj(i -> newUetr()).toList();
        List<CompletableFuture<String>> settling = uetrs.stream().map(uetr -> ledger.ledgerPort()
                .settlePayment(payment(uetr, BANK_A, BANK_B, AMOUNT)).thenApply(receipt -> receipt.transactionId()))
                .toList();
        Set<String> transactions = new HashSet<>();
        for (CompletableFuture<String> outcome : settling) {
            transactions.add(outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS));
        }
        assertThat(transactions).as("one transaction per payment").hasSize(payments);
        for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false))
                    .as("payments recorded at %s", holder.name()).isEqualTo(payments);
            for (String uetr : uetrs) {
                assertThat(ledger.store().transactionOfLinearState(holder, SettlementCodecs.PAYMENT, uetr))
                        .as("payment %s at %s", uetr, holder.name()).isPresent();
            }
        }
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED - payments * AMOUNT);
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(payments * AMOUNT);
        assertThat(ledger.cashInCirculation("EUR")).isEqualTo(ISSUED);
        assertThat(ledger.audit().clean()).isTrue();
        assertThat(ledger.audit().paymentsRecorded()).isEqualTo(payments);
        assertThat(query(database, "SELECT COUNT(*) FROM flow_checkpoint WHERE flow_id LIKE 'responder:%'"))
                .as("payee responders started, one per payment despite duplicated session openings")
                .containsExactly(Integer.toString(payments));
        // The same UETRs asked again answer with their transactions and settle nothing more.
        for (int i = 0; i < payments; i++) {
            assertThat(ledger.ledgerPort().settlePayment(payment(uetrs.get(i), BANK_A, BANK_B, AMOUNT))
                    .get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS).transactionId())
                    .isEqualTo(settling.get(i).get());
        }
        assertThat(ledger.cashBalance(BANK_B, "EUR")).isEqualTo(payments * AMOUNT);
    }

    @Test
    void aPayeeThatNeverAnswersTimesThePaymentOutWhichIsRefusedWithItsCashUnlockedAndNothingRecorded()
            throws Exception {
        open(new SilentPayee(new InMemoryTransport(FaultPlan.NONE)), Duration.ofMillis(500));
        String uetr = newUetr();

        CompletableFuture<?> outcome = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, AMOUNT));

        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LedgerRefusedException.class)
                .satisfies(refused -> {
                    LedgerRefusedException refusal = (LedgerRefusedException) refused;
                    assertThat(refusal.reason().code()).isEqualTo(ReasonCode.NARR);
                    assertThat(refusal.reason().explanation()).contains("payee BANKBBBB did not sign")
                            .contains("sent nothing within PT0.5S");
                });
        assertThat(ledger.softLocks().size()).as("cash left soft-locked").isZero();
        assertThat(ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).orElseThrow().status())
                .isEqualTo(FlowStatus.FAILED);
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED);
        assertThat(query(database, "SELECT transaction_id FROM ledger_pending_transaction")).isEmpty();
        for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isZero();
        }
    }

    @Test
    void aPayeeKilledWhileThePayerWaitsForItsSignatureEndsThePaymentAtOnceWithNothingLeftPending() throws Exception {
        // The payer would wait ten minutes for the signature: only the kill's ERROR can end it sooner.
        open(new PayeeWithoutTheTransaction(new InMemoryTransport(FaultPlan.NONE)), Duration.ofMinutes(10));
        String uetr = newUetr();
        CompletableFuture<?> outcome = ledger.ledgerPort().settlePayment(payment(uetr, BANK_A, BANK_B, AMOUNT));
        String payee = awaitRunnableResponder();

        assertThat(ledger.flowRunner().kill(payee, "the payee's checks hang")).isTrue();

        assertThatThrownBy(() -> outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(LedgerRefusedException.class)
                .satisfies(refused -> assertThat(((LedgerRefusedException) refused).reason().explanation())
                        .contains("payee BANKBBBB did not sign").contains("was killed: the payee's checks hang"));
        assertThat(ledger.flowRunner().find(payee).orElseThrow().status()).isEqualTo(FlowStatus.KILLED);
        assertThat(ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).orElseThrow().status())
                .isEqualTo(FlowStatus.FAILED);
        assertThat(ledger.softLocks().size()).as("cash left soft-locked").isZero();
        assertThat(ledger.cashBalance(BANK_A, "EUR")).isEqualTo(ISSUED);
        assertThat(query(database, "SELECT transaction_id FROM ledger_pending_transaction")).isEmpty();
        for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
            assertThat(ledger.store().countStates(holder, SettlementCodecs.PAYMENT, false)).isZero();
        }
        long deadline = System.nanoTime() + OUTCOME_WAIT_MAX.toNanos();
        while (!query(database, "SELECT COUNT(*) FROM flow_outbox").equals(List.of("0"))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(query(database, "SELECT COUNT(*) FROM flow_outbox")).as("envelopes unacknowledged")
                .containsExactly("0");
        assertThat(query(database, "SELECT COUNT(*) FROM flow_inbox")).as("messages nobody reads").containsExactly("0");
        assertThat(query(database, "SELECT COUNT(*) FROM flow_session WHERE session_status <> 'CLOSED'"))
                .as("sessions open at payer or payee").containsExactly("0");
    }

    /** The payee's responder, once its session opened and its checkpoint was written. */
    private String awaitRunnableResponder() throws InterruptedException {
        long deadline = System.nanoTime() + OUTCOME_WAIT_MAX.toNanos();
        while (System.nanoTime() < deadline) {
            List<String> responders = query(database, "SELECT flow_id FROM flow_checkpoint"
                    + " WHERE flow_id LIKE 'responder:%' AND flow_status = 'RUNNABLE'");
            if (!responders.isEmpty()) {
                return responders.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no payee responder started within " + OUTCOME_WAIT_MAX);
    }

    /**
     * A transport on which the payee's session opens without the transaction that rides in its opening,
     * and the transaction never comes: the payee's responder waits for it, and the payer for the signature.
     */
    private static final class PayeeWithoutTheTransaction implements Transport {
        private final Transport delegate;

        PayeeWithoutTheTransaction(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(String node, Consumer<Envelope> receiver) {
            delegate.register(node, receiver);
        }

        @Override
        public void unregister(String node) {
            delegate.unregister(node);
        }

        @Override
        public boolean send(Envelope envelope) {
            String payload = new String(envelope.payload(), java.nio.charset.StandardCharsets.UTF_8);
            int opening = payload.indexOf('\n');
            if (envelope.kind() != EnvelopeKind.INIT || !envelope.recipientParty().equals(BANK_B.value())
                    || opening < 0) {
                return delegate.send(envelope);
            }
            return delegate.send(new Envelope(envelope.senderNode(), envelope.senderParty(), envelope.recipientNode(),
                    envelope.recipientParty(), envelope.sessionId(), envelope.sequenceNumber(), EnvelopeKind.INIT,
                    payload.substring(0, opening).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** A transport on which the payee never hears of a session: its openings are lost, every time. */
    private static final class SilentPayee implements Transport {
        private final Transport delegate;

        SilentPayee(Transport delegate) {
            this.delegate = delegate;
        }

        @Override
        public void register(String node, Consumer<Envelope> receiver) {
            delegate.register(node, receiver);
        }

        @Override
        public void unregister(String node) {
            delegate.unregister(node);
        }

        @Override
        public boolean send(Envelope envelope) {
            boolean toThePayee = envelope.recipientParty().equals(BANK_B.value());
            return toThePayee && envelope.kind() != EnvelopeKind.ACK || delegate.send(envelope);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
