package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.LedgerFixture.BANK_A;
import static io.clearline.flows.settlement.LedgerFixture.BANK_B;
import static io.clearline.flows.settlement.LedgerFixture.newUetr;
import static io.clearline.flows.settlement.LedgerFixture.payment;
import static io.clearline.flows.settlement.LedgerFixture.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.clearline.core.common.api.Money;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A node killed at each suspension point of a payment flow, then restarted on its database: afterwards
 * the payment is settled exactly once at payer, payee and regulator, or not at all at any.
 *
 * <p>A kill point is each database event of the payment ({@link NodeKiller}): each statement about to
 * run and each commit just returned, for N = 1, 2, 3, … until a run ends without reaching N. So every
 * journal write, every phase of finality, the notary's commit and the regulator's audit are kill
 * points, before and after they reach the database, and so is each step of the session to the payee:
 * the outbox rows written with the journal, the payee's inbox and its responder's checkpoint, the
 * payee's signature in its outbox, each acknowledgement that deletes an outbox row; a suspension point that writes nothing by itself
 * (soft-locking cash, drawing the privacy salt: journaled with the next step) dies with the next
 * statement. Each kill point gets its own database, shared by the killed node and its restart.
 */
class KilledPaymentFlowTest {
    private static final long ISSUED = 1_000;
    private static final long AMOUNT = 300;
    private static final String CURRENCY = "EUR";
    /** Far longer than a run takes: reaching it means a flow, a resumption or a recovery hangs. */
    private static final Duration OUTCOME_WAIT_MAX = Duration.ofSeconds(20);
    /** A payment has a few dozen database events; many more would mean its flow loops. */
    private static final int KILL_POINTS_MAX = 500;

    /** When the payment's caller asks for it again: after the restarted node recovered, or the moment it opens. */
    private enum AskingAgain { AFTER_RECOVERY, AT_ONCE }

    @TestFactory
    Stream<DynamicTest> aPaymentKilledAtAnyDatabaseEventIsSettledExactlyOnceAtPayerPayeeAndRegulatorOrAtNone()
            throws Exception {
        return atEveryKillPoint(AskingAgain.AFTER_RECOVERY);
    }

    /** As the saga does: it asks again for a payment it had no answer for, racing resumption and recovery. */
    @TestFactory
    Stream<DynamicTest> aKilledPaymentAskedForAgainAsTheNodeRestartsIsAnsweredWithTheOneTransactionSettledEverywhere()
            throws Exception {
        return atEveryKillPoint(AskingAgain.AT_ONCE);
    }

    private static Stream<DynamicTest> atEveryKillPoint(AskingAgain askingAgain) throws Exception {
        List<String> killPoints = killPoints(askingAgain);
        return IntStream.rangeClosed(1, killPoints.size()).mapToObj(event -> {
            String killPoint = killPoints.get(event - 1);
            return dynamicTest("killed at event " + event + " of " + killPoints.size() + ", " + killPoint,
                    () -> killAndRestart(event, killPoint, askingAgain));
        });
    }

    /** The run that no kill reaches (N past its last event): it lists the kill points, and must settle too. */
    private static List<String> killPoints(AskingAgain askingAgain) throws Exception {
        List<String> killPoints = killAndRestart(Integer.MAX_VALUE, null, askingAgain);
        assertThat(killPoints).hasSizeBetween(1, KILL_POINTS_MAX);
        return killPoints;
    }

    /**
     * Issues cash, pays with the node killed at the {@code event}-th database event, restarts it with a
     * clock past {@link ClearlineLedger#PENDING_RECOVERY_AGE_MIN}, lets it resume and recover, and checks
     * the ledger, asking for the same payment again as {@code askingAgain} says. Returns the events the
     * payment reached.
     *
     * @param expectedKillPoint where the run without a kill had its N-th event
     */
    private static List<String> killAndRestart(int event, String expectedKillPoint, AskingAgain askingAgain)
            throws Exception {
        try (Node node = new Node()) {
            Optional<String> answered = node.payKilledAt(event);
            // The payer's flow, the payee's responder and the transport's delivery of their messages run on
            // threads of their own, so the N-th event of one run need not be the N-th of another: the kill
            // point named is where the run without a kill had its N-th event, and this one struck near it.
            String struck = node.killer.killedAt();

            ClearlineLedger restarted = node.restart();
            // Joins the resumed flow, or (if the node died before the flow's checkpoint) starts the payment afresh.
            Optional<String> answeredAtOnce = askingAgain == AskingAgain.AT_ONCE
                    ? Optional.of(await(restarted.ledgerPort().settlePayment(node.request())).transactionId())
                    : Optional.empty();
            Node.awaitResumptionAndRecovery(restarted);

            Optional<String> settled;
            try {
                settled = node.assertSettledOnceAlikeOrNowhereAndAskAgain(restarted);
            } catch (AssertionError failure) {
                throw new AssertionError("killed at " + struck + " (" + expectedKillPoint + " in the run without a kill): "
                        + failure.getMessage(), failure);
            }
            answered.ifPresent(transactionId -> assertThat(settled).as("what the payment answered before it died")
                    .contains(transactionId));
            answeredAtOnce.ifPresent(transactionId -> assertThat(settled).as("what it answered as the node restarted")
                    .contains(transactionId));
            return node.killer.events();
        }
    }

    /**
     * A node that dies again while it recovers from its first death: for each state a first kill can leave
     * the database in (after each commit of the payment, and before the first), the restarted node is
     * killed at each of its own writes, N = 1, 2, 3, … until it recovers without reaching N; then it
     * restarts once more, undisturbed.
     */
    @TestFactory
    Stream<DynamicTest> aPaymentWhoseNodeIsKilledAgainWhileItRecoversIsSettledExactlyOnceEverywhereOrNowhere()
            throws Exception {
        List<String> killPoints = killPoints(AskingAgain.AFTER_RECOVERY);
        return IntStream.rangeClosed(1, killPoints.size())
                .filter(event -> event == 1 || killPoints.get(event - 1).startsWith(NodeKiller.AFTER_COMMIT))
                .mapToObj(event -> dynamicTest("killed at event " + event + ", " + killPoints.get(event - 1)
                        + ", then at each write of its restart", () -> killAndRestartKilledAtEachWrite(event)));
    }

    private static void killAndRestartKilledAtEachWrite(int event) throws Exception {
        for (int write = 1; ; write++) {
            assertThat(write).as("writes of a restart").isLessThanOrEqualTo(KILL_POINTS_MAX);
            try (Node node = new Node()) {
                node.payKilledAt(event);
                NodeKiller again = node.restartKilledAtWrite(write);
                try {
                    ClearlineLedger restarted = node.restart();
                    Node.awaitResumptionAndRecovery(restarted);
                    node.assertSettledOnceAlikeOrNowhereAndAskAgain(restarted);
                } catch (AssertionError failure) {
                    throw new AssertionError("restart killed at write " + write + ", " + again.killedAt() + ": "
                            + failure.getMessage(), failure);
                }
                if (again.killedAt() == null) {
                    return;
                }
            }
        }
    }

    private static <T> T await(CompletableFuture<T> outcome) throws ExecutionException, InterruptedException {
        try {
            return outcome.get(OUTCOME_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no outcome within " + OUTCOME_WAIT_MAX + ": a flow or a recovery hangs", e);
        }
    }

    /** One node on a fresh database, killed mid-payment, then restarted on the same database. */
    private static final class Node implements AutoCloseable {
        private final String uetr = newUetr();
        private final DataSource database = LedgerFixture.dataSource();
        private final NodeKiller killer = new NodeKiller(database);
        private final List<ExecutorService> executors = new ArrayList<>();
        private int restarts;
        private String issuance;

        /** What the payment answered: its transaction, or empty if the node died first. */
        Optional<String> payKilledAt(int event) throws ExecutionException, InterruptedException {
            ClearlineLedger ledger = LedgerFixture.open(killer.dataSource(), Clock.systemUTC(), newExecutor());
            // Opening's own work runs beside the flows: finished first, so that the events are the payment's alone.
            await(ledger.resumption());
            await(ledger.recovery());
            issuance = await(ledger.ledgerPort().issueCash(new CashIssuanceRequest("transfer-1", BANK_A,
                    Money.of(ISSUED, CURRENCY)))).transactionId();
            killer.killAt(event);
            try {
                return Optional.of(await(ledger.ledgerPort().settlePayment(request())).transactionId());
            } catch (ExecutionException failure) {
                if (killer.killedAt() == null) {
                    throw new AssertionError("the payment failed with no kill", failure.getCause());
                }
                return Optional.empty();
            }
        }

        /**
         * Opens the node again on its database, with a clock aged past the recovery limit since its last
         * opening (so what that one left pending is old enough): it resumes and recovers meanwhile.
         */
        ClearlineLedger restart() {
            return restartOn(database);
        }

        private ClearlineLedger restartOn(DataSource dataSource) {
            restarts++;
            Duration aged = ClearlineLedger.PENDING_RECOVERY_AGE_MIN.plusSeconds(1).multipliedBy(restarts);
            return LedgerFixture.open(dataSource, Clock.offset(Clock.systemUTC(), aged), newExecutor());
        }

        /** Restarts the node and kills it at its {@code write}-th write, whether opening, resuming or recovering. */
        NodeKiller restartKilledAtWrite(int write) throws ExecutionException, InterruptedException {
            NodeKiller again = new NodeKiller(database);
            again.killAtWrite(write);
            try {
                awaitResumptionAndRecovery(restartOn(again.dataSource()));
            } catch (NodeDied | ExecutionException died) {
                if (again.killedAt() == null) {
                    throw died;
                }
            }
            return again;
        }

        static void awaitResumptionAndRecovery(ClearlineLedger restarted)
                throws ExecutionException, InterruptedException {
            await(restarted.resumption());
            await(restarted.recovery());
            // Recovery at opening leaves the transaction of a flow being resumed to it: this run takes what is left.
            restarted.resolvePendingTransactions();
        }

        /** {@link #assertSettledOnceAlikeOrNowhere}; then the same UETR asked again answers with it or settles once. */
        Optional<String> assertSettledOnceAlikeOrNowhereAndAskAgain(ClearlineLedger ledger) throws Exception {
            Optional<String> settled = assertSettledOnceAlikeOrNowhere(ledger);
            String again = await(ledger.ledgerPort().settlePayment(request())).transactionId();
            settled.ifPresent(transactionId -> assertThat(again).as("the same UETR asked again")
                    .isEqualTo(transactionId));
            assertThat(assertSettledOnceAlikeOrNowhere(ledger)).contains(again);
            return settled;
        }

        /**
         * The payment is final at payer, payee and regulator, the same transaction at each, spent once at
         * the notary; or it is at none of them and the notary spent nothing. Nothing is left pending,
         * locked or unfinished; cash is conserved and the regulator's audit is clean.
         *
         * @return the payment's transaction, if it settled
         */
        Optional<String> assertSettledOnceAlikeOrNowhere(ClearlineLedger ledger) {
            String flow = ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).map(FlowSummary::toString)
                    .orElse("no flow");
            assertThat(query(database, "SELECT transaction_id FROM ledger_pending_transaction"))
                    .as("pending after recovery; %s", flow).isEmpty();
            List<String> payments = query(database, "SELECT DISTINCT transaction_id FROM ledger_transaction").stream()
                    .filter(transactionId -> !transactionId.equals(issuance)).toList();
            assertThat(payments).as("payment transactions final anywhere; %s", flow).hasSizeLessThanOrEqualTo(1);
            Optional<String> settled = payments.stream().findFirst();
            for (Party holder : List.of(ledger.admit(BANK_A), ledger.admit(BANK_B), ledger.regulator())) {
                settled.ifPresent(transactionId -> assertThat(ledger.isRecordedAt(holder, transactionId))
                        .as("%s is final at %s; %s", transactionId, holder.name(), flow).isTrue());
                assertThat(ledger.store().transactionOfLinearState(holder, SettlementCodecs.PAYMENT, uetr))
                        .as("the payment at %s", holder.name()).isEqualTo(settled);
            }
            assertThat(query(database, "SELECT DISTINCT consuming_transaction_id FROM ledger_notary_commit"))
                    .as("what the notary spent the payer's cash for; %s", flow).isEqualTo(payments);
            long paid = Math.multiplyExact(payments.size(), AMOUNT);
            assertThat(ledger.cashBalance(BANK_A, CURRENCY)).as("the payer's cash").isEqualTo(ISSUED - paid);
            assertThat(ledger.cashBalance(BANK_B, CURRENCY)).as("the payee's cash").isEqualTo(paid);
            assertThat(ledger.cashInCirculation(CURRENCY)).as("cash in circulation").isEqualTo(ledger.issued(CURRENCY))
                    .isEqualTo(ISSUED);
            LedgerAudit audit = ledger.audit();
            assertThat(audit.clean()).as("the regulator's audit: %s", audit).isTrue();
            assertThat(audit.paymentsRecorded()).as("payments the regulator recorded").isEqualTo(payments.size());
            assertThat(ledger.softLocks().size()).as("cash left soft-locked").isZero();
            assertThat(ledger.flowRunner().find(SettlePaymentFlow.flowId(uetr)).map(FlowSummary::status)
                    .filter(status -> status == FlowStatus.RUNNABLE || status == FlowStatus.PARKED))
                    .as("the flow is unfinished; %s", flow).isEmpty();
            return settled;
        }

        PaymentSettlementRequest request() {
            return payment(uetr, BANK_A, BANK_B, AMOUNT);
        }

        private ExecutorService newExecutor() {
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            executors.add(executor);
            return executor;
        }

        @Override
        public void close() {
            // A killed node's threads may still be on their way out: not waited for, they can reach nothing now.
            executors.forEach(ExecutorService::shutdownNow);
        }
    }
}
