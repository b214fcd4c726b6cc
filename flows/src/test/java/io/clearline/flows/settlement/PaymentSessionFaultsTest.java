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
        ledger = ClearlineLedger.openWithTransport(database, Clock.systemUTC(), executor, transport, payeeAnswerTimeout);
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
