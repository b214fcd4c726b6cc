package io.clearline.core.lsm;

import static io.clearline.core.CoreProbes.await;
import static io.clearline.core.CoreProbes.awaitPayment;
import static io.clearline.core.CoreProbes.awaitPosition;
import static io.clearline.core.CoreProbes.awaitQueue;
import static io.clearline.core.CoreProbes.awaitRuns;
import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.UETR_2;
import static io.clearline.core.TestData.UETR_3;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.core.CoreProbes;
import io.clearline.core.MovableClock;
import io.clearline.core.StubLedgerPort;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.lsm.api.GridlockAccountPart;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.ListUnfinishedGridlockRunsQuery;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StartGridlockRunCommand;
import io.clearline.core.lsm.api.SubmitGridlockRunCommand;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A gridlock run the node left unfinished is completed by recovery: settled when the ledger settles
 * it, released when the ledger refuses it, never twice, and never while it may still be running.
 * The ring: A pays B 500, B pays C 500, C pays A 400; only A has anything (100), so A's part holds 100.
 */
class GridlockRunRecoveryTest {
    private static final Duration UNFINISHED_AGE_MIN = Duration.ofMinutes(5);
    private static final Duration PAST_THE_AGE_LIMIT = UNFINISHED_AGE_MIN.plusSeconds(1);
    private static final String RUN_ID = "lsm-left-by-a-stopped-node";

    private final StubLedgerPort ledger = new StubLedgerPort();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private Configuration configuration;
    private CommandGateway commands;
    private QueryGateway queries;
    private GridlockRunner runner;
    private GridlockRunRecovery recovery;

    @BeforeEach
    void start() {
        configuration = CoreProbes.startInMemory(ledger);
        commands = configuration.commandGateway();
        queries = configuration.queryGateway();
        runner = new GridlockRunner(commands, queries, ledger, clock);
        recovery = newRecovery(runner);
        admitThreeBanksInARingOfQueuedPayments();
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
    }

    @Test
    void aRunLeftAfterReservingSettlesWhenTheLedgerSettlesIt() {
        GridlockRunStartedEvent run = stopAfterReserving(ringRun(), true);
        clock.advance(PAST_THE_AGE_LIMIT);

        List<GridlockRunRecordedEvent> recovered = recovery.recoverUnfinishedRuns();

        assertThat(recovered).singleElement().satisfies(record -> {
            assertThat(record.runId()).isEqualTo(RUN_ID);
            assertThat(record.outcome()).isEqualTo(GridlockRunOutcome.SETTLED);
            assertThat(record.ledgerTransactionId()).isEqualTo("tx-" + RUN_ID);
            assertThat(record.settledUetrs()).containsExactlyInAnyOrder(UETR_1, UETR_2, UETR_3);
            assertThat(record.settledValue()).isEqualTo(euros(1_400));
            assertThat(record.startedAt()).isEqualTo(run.startedAt());
        });
        assertThat(ledger.nettingCalls).hasValue(1);
        assertSettledByTheRing();
        assertThat(awaitRuns(queries, runs -> !runs.isEmpty())).extracting(GridlockRunRecordedEvent::runId)
                .containsExactly(RUN_ID);
        await(() -> unfinishedRuns(Instant.MAX), List::isEmpty, "no unfinished run");
    }

    @Test
    void aRunLeftAfterAskingTheLedgerIsReleasedWhenTheLedgerRefusesIt() {
        stopAfterReserving(ringRun(), true);
        commands.sendAndWait(new SubmitGridlockRunCommand(RUN_ID));
        ledger.netting = request -> CompletableFuture.failedFuture(
                new LedgerRefusedException(Reason.of(ReasonCode.AM04, "a net payer's cash is locked")));
        clock.advance(PAST_THE_AGE_LIMIT);

        List<GridlockRunRecordedEvent> recovered = recovery.recoverUnfinishedRuns();

        assertThat(recovered).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(GridlockRunOutcome.ABORTED);
            assertThat(record.abortReason()).contains("AM04");
            assertThat(record.settledUetrs()).isEmpty();
        });
        assertThat(ledger.nettingCalls).hasValue(1);
        assertEveryPaymentBackInItsQueue();
    }

    @Test
    void aRunLeftWhileReservingHasTheRestReservedAndSettles() {
        stopAfterReservingTheFirstPart();
        awaitPosition(queries, BANK_A, position -> position.reserved().equals(euros(100)));
        clock.advance(PAST_THE_AGE_LIMIT);

        assertThat(recovery.recoverUnfinishedRuns()).extracting(GridlockRunRecordedEvent::outcome)
                .containsExactly(GridlockRunOutcome.SETTLED);
        assertSettledByTheRing();
    }

    @Test
    void aRunWhoseMissingPartCanNoLongerBeReservedIsReleasedWithoutAskingTheLedger() {
        stopAfterReservingTheFirstPart();
        commands.sendAndWait(new CancelQueuedPaymentCommand(new LiquidityAccountId(BANK_B, "EUR"), UETR_2,
                Reason.of(ReasonCode.NARR, "cancelled by the bank")));
        clock.advance(PAST_THE_AGE_LIMIT);

        List<GridlockRunRecordedEvent> recovered = recovery.recoverUnfinishedRuns();

        assertThat(recovered).singleElement().satisfies(record -> {
            assertThat(record.outcome()).isEqualTo(GridlockRunOutcome.ABORTED);
            assertThat(record.abortReason()).contains(BANK_B.value(), "no longer queued");
        });
        assertThat(ledger.nettingCalls).as("the ledger is never asked to settle a part not reserved").hasValue(0);
        awaitPosition(queries, BANK_A, position -> position.equals(new CurrencyPosition(euros(100), euros(0),
                euros(100))));
        assertThat(awaitQueue(queries, BANK_A, view -> view.payments().size() == 1).payments())
                .extracting(QueuedPaymentView::uetr).containsExactly(UETR_1);
    }

    @Test
    void recoveringTwiceAtOnceAndAgainMovesNothingTwice() {
        stopAfterReserving(ringRun(), true);
        clock.advance(PAST_THE_AGE_LIMIT);
        // Two nodes' recoveries, each with its own runner and so its own lock: only the run keeps them apart.
        GridlockRunRecovery otherNode = newRecovery(new GridlockRunner(commands, queries, ledger, clock));

        CompletableFuture<List<GridlockRunRecordedEvent>> first =
                CompletableFuture.supplyAsync(recovery::recoverUnfinishedRuns);
        CompletableFuture<List<GridlockRunRecordedEvent>> second =
                CompletableFuture.supplyAsync(otherNode::recoverUnfinishedRuns);
        List<GridlockRunRecordedEvent> recovered = new ArrayList<>(first.join());
        recovered.addAll(second.join());
        int ledgerCallsOfBothPasses = ledger.nettingCalls.get();

        assertThat(recovered).isNotEmpty().allSatisfy(record -> assertThat(record.ledgerTransactionId())
                .isEqualTo("tx-" + RUN_ID));
        assertThat(ledgerCallsOfBothPasses).isBetween(1, 2);
        assertSettledByTheRing();
        await(() -> unfinishedRuns(Instant.MAX), List::isEmpty, "no unfinished run");
        assertThat(recovery.recoverUnfinishedRuns()).isEmpty();
        assertThat(ledger.nettingCalls).hasValue(ledgerCallsOfBothPasses);
        assertThat(awaitRuns(queries, runs -> !runs.isEmpty())).extracting(GridlockRunRecordedEvent::runId)
                .containsExactly(RUN_ID);
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            assertThat(awaitPayment(queries, uetr, PaymentStatus.SETTLED).history())
                    .filteredOn(entry -> entry.status() == PaymentStatus.SETTLED).hasSize(1);
        }
    }

    @Test
    void aRunYoungerThanTheAgeLimitIsLeftAloneUntilItIsOlder() {
        stopAfterReserving(ringRun(), true);
        clock.advance(UNFINISHED_AGE_MIN.minusSeconds(1));

        assertThat(recovery.recoverUnfinishedRuns()).isEmpty();

        assertThat(ledger.nettingCalls).hasValue(0);
        assertReservedByTheRing();
        clock.advance(Duration.ofSeconds(2));
        assertThat(recovery.recoverUnfinishedRuns()).extracting(GridlockRunRecordedEvent::outcome)
                .containsExactly(GridlockRunOutcome.SETTLED);
        assertSettledByTheRing();
    }

    @Test
    void aRunWhoseLedgerDoesNotAnswerKeepsItsReservationsUntilRecoverySettlesIt() {
        ledger.netting = request -> CompletableFuture.failedFuture(new IllegalStateException("the ledger is down"));

        assertThatThrownBy(() -> runner.run("EUR", ResolutionMode.FIFO, GridlockRunTrigger.OPERATOR))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("did not finish");

        assertThat(ledger.nettingCalls).hasValue(GridlockRunner.LEDGER_ATTEMPTS_MAX);
        assertReservedByTheRing();
        ledger.netting = request -> CompletableFuture.completedFuture(
                new io.clearline.core.ledger.api.LedgerReceipt("tx-" + request.runId()));
        clock.advance(PAST_THE_AGE_LIMIT);
        awaitUnfinished();
        assertThat(recovery.recoverUnfinishedRuns()).extracting(GridlockRunRecordedEvent::outcome)
                .containsExactly(GridlockRunOutcome.SETTLED);
        assertThat(ledger.nettingCalls).hasValue(GridlockRunner.LEDGER_ATTEMPTS_MAX + 1);
        assertSettledByTheRing();
    }

    @Test
    void theAgeLimitIsNeverShorterThanALiveRunsWaitOnTheLedger() {
        assertThatThrownBy(() -> new GridlockRunRecovery(commands, queries, ledger, clock, runner,
                GridlockRunner.LEDGER_WAIT_MAX.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shorter than a live run's wait");
    }

    private GridlockRunRecovery newRecovery(GridlockRunner nodeRunner) {
        return new GridlockRunRecovery(commands, queries, ledger, clock, nodeRunner, UNFINISHED_AGE_MIN);
    }

    /** The run a runner would start on the ring, its parts ordered by BIC as a runner orders them. */
    private GridlockRunStartedEvent ringRun() {
        GridlockLeg aToB = new GridlockLeg(UETR_1, BANK_B, euros(500), PaymentPriority.NORMAL);
        GridlockLeg bToC = new GridlockLeg(UETR_2, BANK_C, euros(500), PaymentPriority.NORMAL);
        GridlockLeg cToA = new GridlockLeg(UETR_3, BANK_A, euros(400), PaymentPriority.NORMAL);
        List<GridlockAccountPart> parts = List.of(
                new GridlockAccountPart(BANK_A, List.of(aToB), List.of(from(cToA, BANK_C))),
                new GridlockAccountPart(BANK_B, List.of(bToC), List.of(from(aToB, BANK_A))),
                new GridlockAccountPart(BANK_C, List.of(cToA), List.of(from(bToC, BANK_B))));
        return new GridlockRunStartedEvent(RUN_ID, "EUR", ResolutionMode.FIFO, ResolutionAlgorithm.FIFO_REMOVAL,
                GridlockRunTrigger.SCHEDULE, 3, parts, List.of(), clock.instant());
    }

    private static GridlockLeg from(GridlockLeg outgoing, Bic payer) {
        return new GridlockLeg(outgoing.uetr(), payer, outgoing.amount(), outgoing.priority());
    }

    /** What a node leaves when it stops between its reservations and the ledger. */
    private GridlockRunStartedEvent stopAfterReserving(GridlockRunStartedEvent run, boolean awaitProjections) {
        commands.sendAndWait(new StartGridlockRunCommand(run.runId(), run));
        run.parts().forEach(this::reserve);
        if (awaitProjections) {
            assertReservedByTheRing();
            awaitUnfinished();
        }
        return run;
    }

    /** What a node leaves when it stops between its first reservation and the next. */
    private void stopAfterReservingTheFirstPart() {
        GridlockRunStartedEvent run = ringRun();
        commands.sendAndWait(new StartGridlockRunCommand(RUN_ID, run));
        reserve(run.parts().getFirst());
        awaitUnfinished();
    }

    private void reserve(GridlockAccountPart part) {
        commands.sendAndWait(new ReserveForGridlockCommand(new LiquidityAccountId(part.bic(), "EUR"), RUN_ID,
                part.outgoing(), part.incoming()));
    }

    private List<GridlockRunStartedEvent> unfinishedRuns(Instant startedBefore) {
        return queries.query(new ListUnfinishedGridlockRunsQuery(startedBefore, 10),
                ResponseTypes.multipleInstancesOf(GridlockRunStartedEvent.class)).join();
    }

    private void awaitUnfinished() {
        await(() -> unfinishedRuns(Instant.MAX), runs -> !runs.isEmpty(), "an unfinished run");
    }

    /** A holds 100 (it pays 500, receives 400); every payment is out of its queue. */
    private void assertReservedByTheRing() {
        awaitPosition(queries, BANK_A, position -> position.equals(new CurrencyPosition(euros(100), euros(100),
                euros(0))));
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            awaitQueue(queries, bank, view -> view.payments().isEmpty());
        }
    }

    /** Each bank moved by its net once: A -100, B 0, C +100; nothing reserved or queued. */
    private void assertSettledByTheRing() {
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            awaitPayment(queries, uetr, PaymentStatus.SETTLED);
        }
        awaitPosition(queries, BANK_A, position -> position.equals(new CurrencyPosition(euros(0), euros(0), euros(0))));
        awaitPosition(queries, BANK_B, position -> position.equals(new CurrencyPosition(euros(0), euros(0), euros(0))));
        awaitPosition(queries, BANK_C, position -> position.equals(new CurrencyPosition(euros(100), euros(0),
                euros(100))));
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            awaitQueue(queries, bank, view -> view.payments().isEmpty());
        }
    }

    private void assertEveryPaymentBackInItsQueue() {
        awaitPosition(queries, BANK_A, position -> position.equals(new CurrencyPosition(euros(100), euros(0),
                euros(100))));
        List<Uetr> queuedInOrder = List.of(UETR_1, UETR_2, UETR_3);
        List<Bic> payers = List.of(BANK_A, BANK_B, BANK_C);
        for (int i = 0; i < payers.size(); i++) {
            Uetr uetr = queuedInOrder.get(i);
            assertThat(awaitQueue(queries, payers.get(i), view -> view.payments().size() == 1).payments())
                    .extracting(QueuedPaymentView::uetr).containsExactly(uetr);
            assertThat(awaitPayment(queries, uetr, PaymentStatus.QUEUED)).isNotNull();
        }
    }

    private void admitThreeBanksInARingOfQueuedPayments() {
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            commands.sendAndWait(new AdmitParticipantCommand(bank, "Bank " + bank));
        }
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(100)));
        awaitPosition(queries, BANK_A, position -> position.balance().equals(euros(100)));
        submit(UETR_1, BANK_A, BANK_B, 500);
        submit(UETR_2, BANK_B, BANK_C, 500);
        submit(UETR_3, BANK_C, BANK_A, 400);
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            awaitPayment(queries, uetr, PaymentStatus.QUEUED);
        }
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            awaitQueue(queries, bank, view -> view.payments().size() == 1);
        }
    }

    private void submit(Uetr uetr, Bic payer, Bic payee, long minorUnits) {
        commands.sendAndWait(new SubmitPaymentCommand(uetr, payer, payee, euros(minorUnits), REFERENCES,
                uetr.value() + payer + payee + minorUnits));
    }
}
