package io.clearline.core;

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

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.common.api.Reason;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantStatus;
import io.clearline.core.participant.api.ParticipantView;
import io.clearline.core.participant.api.ReactivateParticipantCommand;
import io.clearline.core.participant.api.SuspendParticipantCommand;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.payment.api.ReturnPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentCommand;
import io.clearline.core.payment.api.SubmitPaymentOutcome;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.lsm.GridlockRunner;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StayQueued;
import io.clearline.core.lsm.api.StayQueuedReason;
import io.clearline.core.businessday.api.BusinessDayPhase;
import io.clearline.core.businessday.api.BusinessDayView;
import io.clearline.core.businessday.api.CloseBusinessDayCommand;
import io.clearline.core.businessday.api.CutOffBusinessDayCommand;
import io.clearline.core.businessday.api.FindBusinessDayQuery;
import io.clearline.core.businessday.api.OpenBusinessDayCommand;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The whole core in one JVM: Axon's own configurer, an in-memory event store, a ledger that answers at once. */
class SettlementCoreEndToEndTest {
    private Configuration configuration;
    private CommandGateway commands;
    private QueryGateway queries;
    private final StubLedgerPort ledger = new StubLedgerPort();
    private GridlockRunner gridlockRuns;

    @BeforeEach
    void start() {
        configuration = CoreProbes.startInMemory(ledger);
        commands = configuration.commandGateway();
        queries = configuration.queryGateway();
        gridlockRuns = new GridlockRunner(commands, queries, ledger, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        configuration.shutdown();
    }

    @Test
    void aCoveredPaymentSettlesAndAnUncoveredOneQueuesUntilAPledgeCoversIt() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_C, "Bank C"));
        commands.sendAndWait(new PledgeLiquidityCommand("T-1", BANK_A, euros(1_000)));
        commands.sendAndWait(new PledgeLiquidityCommand("T-1", BANK_A, euros(1_000)));
        awaitPosition(BANK_A, position -> position.balance().equals(euros(1_000)));

        assertThat(submit(UETR_1, BANK_A, BANK_B, 300)).isEqualTo(SubmitPaymentOutcome.ACCEPTED);
        PaymentView settled = awaitPayment(UETR_1, PaymentStatus.SETTLED);
        assertThat(settled.ledgerTransactionId()).isEqualTo("tx-" + UETR_1.value());
        assertThat(settled.history()).extracting(entry -> entry.status())
                .containsExactly(PaymentStatus.RECEIVED, PaymentStatus.SETTLING, PaymentStatus.SETTLED);
        awaitPosition(BANK_B, position -> position.balance().equals(euros(300)));
        assertThat(position(BANK_A)).containsExactly(new CurrencyPosition(euros(700), euros(0), euros(700)));

        assertThat(submit(UETR_2, BANK_B, BANK_C, 5_000)).isEqualTo(SubmitPaymentOutcome.ACCEPTED);
        PaymentView queued = awaitPayment(UETR_2, PaymentStatus.QUEUED);
        assertThat(queued.reason().code()).isEqualTo(ReasonCode.AM04);
        QueueView queue = awaitQueue(BANK_B, view -> !view.payments().isEmpty());
        assertThat(queue.payments()).extracting(QueuedPaymentView::uetr).containsExactly(UETR_2);
        assertThat(queue.queuedOutgoing("EUR")).isEqualTo(euros(5_000));
        assertThat(position(BANK_B)).containsExactly(new CurrencyPosition(euros(300), euros(0), euros(300)));
        assertThat(position(BANK_C)).isEmpty();

        commands.sendAndWait(new PledgeLiquidityCommand("T-2", BANK_B, euros(4_700)));
        PaymentView settledFromTheQueue = awaitPayment(UETR_2, PaymentStatus.SETTLED);
        assertThat(settledFromTheQueue.reason()).isNull();
        assertThat(settledFromTheQueue.history()).extracting(entry -> entry.status()).containsExactly(
                PaymentStatus.RECEIVED, PaymentStatus.QUEUED, PaymentStatus.SETTLING, PaymentStatus.SETTLED);
        awaitPosition(BANK_C, position -> position.balance().equals(euros(5_000)));
        awaitPosition(BANK_B, position -> position.balance().equals(euros(0)));
        assertThat(awaitQueue(BANK_B, view -> view.payments().isEmpty()).queuedOutgoing("EUR")).isEqualTo(euros(0));

        assertThat(submit(UETR_1, BANK_A, BANK_B, 300)).isEqualTo(SubmitPaymentOutcome.REPEATED);
        assertThat(submit(UETR_1, BANK_A, BANK_C, 300)).isEqualTo(SubmitPaymentOutcome.DUPLICATE);
        assertThat(position(BANK_A)).containsExactly(new CurrencyPosition(euros(700), euros(0), euros(700)));

        List<ParticipantView> participants = queries.query(new ListParticipantsQuery(),
                ResponseTypes.multipleInstancesOf(ParticipantView.class)).join();
        assertThat(participants).extracting(ParticipantView::bic).containsExactly(BANK_A, BANK_B, BANK_C);
    }

    /**
     * Axon starts a saga's processor at the head of the stream unless told otherwise, and the head is
     * taken whenever the processor's thread gets to it: an event stored before then would never reach
     * its saga. Here the event is stored before the processors start at all.
     */
    @Test
    void aPaymentStoredBeforeTheSagaProcessorStartsStillStartsItsSaga() {
        configuration.shutdown();
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        SettlementCoreModule.configure(configurer, ledger);
        Configuration notStarted = configurer.buildConfiguration();
        notStarted.eventStore().publish(GenericEventMessage.asEventMessage(new PaymentReceivedEvent(UETR_1, BANK_A,
                BANK_B, euros(100), REFERENCES, "digest", java.time.Instant.now())));
        configuration = notStarted;
        configuration.start();

        org.axonframework.modelling.saga.repository.SagaStore<Object> sagas = configuration.getComponent(
                org.axonframework.modelling.saga.repository.SagaStore.class);
        await(() -> sagas.findSagas(io.clearline.core.payment.PaymentSettlementSaga.class,
                        new org.axonframework.modelling.saga.AssociationValue("uetr", UETR_1.value())),
                found -> !found.isEmpty(), "the payment's saga to start");
    }

    @Test
    void everyPublishedProcessingGroupRunsAsAPooledStreamingEventProcessor() {
        for (List<String> groups : List.of(ProcessingGroups.PROJECTIONS, ProcessingGroups.SAGAS,
                ProcessingGroups.POLICIES)) {
            for (String group : groups) {
                assertThat(configuration.eventProcessingConfiguration().eventProcessor(group)).as(group)
                        .containsInstanceOf(PooledStreamingEventProcessor.class);
            }
        }
    }

    /**
     * A pooled processor that fails a batch claims its segment again from the last token it stored and hands
     * the events after it over once more. Here every projection is given every event of the store again (its
     * token set back to the start, which no reset handler hears about), after a day with a payment settled,
     * a ring settled by a gridlock run, a payment queued and cancelled at the close, and the day closed:
     * each answers as before.
     */
    @Test
    void everyProjectionGivenEveryEventAgainAnswersAsBefore() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        commands.sendAndWait(new OpenBusinessDayCommand(monday));
        admitThreeBanksInARingOfQueuedPayments();
        gridlockRuns.run("EUR", ResolutionMode.FIFO, GridlockRunTrigger.OPERATOR);
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            awaitPayment(uetr, PaymentStatus.SETTLED);
        }
        Uetr settled = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e04");
        Uetr queued = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e05");
        submit(settled, BANK_A, BANK_B, 40);
        submit(queued, BANK_B, BANK_C, 5_000);
        awaitPayment(settled, PaymentStatus.SETTLED);
        awaitPayment(queued, PaymentStatus.QUEUED);
        commands.sendAndWait(new CutOffBusinessDayCommand());
        commands.sendAndWait(new CloseBusinessDayCommand());
        awaitPayment(queued, PaymentStatus.CANCELLED);
        ProcessingGroups.PROJECTIONS.forEach(this::awaitCaughtUp);
        List<Object> before = everyProjectionsAnswers(monday, settled, queued);
        assertThat(before).as("the day's statements are closed").endsWith(true);

        for (String group : ProcessingGroups.PROJECTIONS) {
            handEveryEventAgain(group);
        }

        assertThat(everyProjectionsAnswers(monday, settled, queued)).isEqualTo(before);
    }

    /** Each projection's answers, and last whether the day's statements are closed. */
    private List<Object> everyProjectionsAnswers(LocalDate monday, Uetr... more) {
        List<Object> answers = new java.util.ArrayList<>();
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            answers.add(queries.query(new FindPositionQuery(bank), PositionView.class).join());
            answers.add(queries.query(new FindQueueQuery(bank), QueueView.class).join());
            answers.add(queries.query(new io.clearline.core.statement.api.FindAccountStatementsQuery(bank, monday),
                    io.clearline.core.statement.api.AccountStatementsView.class).join());
        }
        for (Uetr uetr : java.util.stream.Stream.concat(java.util.stream.Stream.of(UETR_1, UETR_2, UETR_3),
                java.util.stream.Stream.of(more)).toList()) {
            answers.add(queries.query(new FindPaymentQuery(uetr), ResponseTypes.optionalInstanceOf(PaymentView.class))
                    .join());
        }
        answers.add(queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .join());
        answers.add(queries.query(new FindBusinessDayQuery(), BusinessDayView.class).join());
        answers.add(queries.query(new ListGridlockRunsQuery(10),
                ResponseTypes.multipleInstancesOf(GridlockRunRecordedEvent.class)).join());
        answers.add(queries.query(new io.clearline.core.statement.api.FindAccountStatementsQuery(BANK_A, monday),
                io.clearline.core.statement.api.AccountStatementsView.class).join().closed());
        return answers;
    }

    /** Sets the processor's token back to the start of the store behind its back, and lets it catch up. */
    private void handEveryEventAgain(String group) {
        PooledStreamingEventProcessor processor = configuration.eventProcessingConfiguration()
                .eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
        processor.shutDown();
        TokenStore tokens = configuration.eventProcessingConfiguration().tokenStore(group);
        tokens.storeToken(configuration.eventStore().createTailToken(), group, 0);
        processor.start();
        awaitCaughtUp(group);
    }

    private void awaitCaughtUp(String group) {
        PooledStreamingEventProcessor processor = configuration.eventProcessingConfiguration()
                .eventProcessor(group, PooledStreamingEventProcessor.class).orElseThrow();
        long head = configuration.eventStore().createHeadToken().position().orElseThrow();
        await(() -> processor.processingStatus().get(0),
                status -> status != null && status.isCaughtUp() && status.getCurrentPosition().orElse(-1) >= head,
                group + " to have read every event");
    }

    @Test
    void aPaymentFromABankNeverAdmittedIsRejectedWithDNOR() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        submit(UETR_3, BANK_A, BANK_B, 100);
        assertThat(awaitPayment(UETR_3, PaymentStatus.REJECTED).reason().code()).isEqualTo(ReasonCode.DNOR);
    }

    private SubmitPaymentOutcome submit(Uetr uetr, Bic payer, Bic payee, long minorUnits) {
        String digest = uetr.value() + payer + payee + minorUnits;
        return commands.sendAndWait(new SubmitPaymentCommand(uetr, payer, payee, euros(minorUnits), REFERENCES, digest));
    }

    private List<CurrencyPosition> position(Bic bic) {
        return CoreProbes.position(queries, bic);
    }

    private QueueView awaitQueue(Bic bic, Predicate<QueueView> condition) {
        return CoreProbes.awaitQueue(queries, bic, condition);
    }

    @Test
    void aQueuedPaymentCancelledOnItsAccountEndsCancelledWithTheReason() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        submit(UETR_3, BANK_A, BANK_B, 100);
        awaitPayment(UETR_3, PaymentStatus.QUEUED);
        Reason reason = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        commands.sendAndWait(new CancelQueuedPaymentCommand(new LiquidityAccountId(BANK_A, "EUR"), UETR_3, reason));
        assertThat(awaitPayment(UETR_3, PaymentStatus.CANCELLED).reason()).isEqualTo(reason);
        assertThat(awaitQueue(BANK_A, view -> view.payments().isEmpty()).payments()).isEmpty();
    }

    @Test
    void aRingOfThreeBanksWithoutLiquiditySettlesInOneGridlockRun() {
        admitThreeBanksInARingOfQueuedPayments();

        GridlockRunRecordedEvent run = gridlockRuns.run("EUR", ResolutionMode.FIFO, GridlockRunTrigger.OPERATOR);

        assertThat(run.outcome()).isEqualTo(GridlockRunOutcome.SETTLED);
        assertThat(run.settledUetrs()).containsExactlyInAnyOrder(UETR_1, UETR_2, UETR_3);
        assertThat(run.settledValue()).isEqualTo(euros(1_500));
        assertThat(run.ledgerTransactionId()).isEqualTo("tx-" + run.runId());
        assertThat(ledger.nettingCalls).hasValue(1);
        assertThat(ledger.settlementCalls).as("no payment settled on its own").hasValue(0);
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            assertThat(awaitPayment(uetr, PaymentStatus.SETTLED).history()).extracting(entry -> entry.status())
                    .containsExactly(PaymentStatus.RECEIVED, PaymentStatus.QUEUED, PaymentStatus.SETTLED);
        }
        // Each bank paid 500 and received 500: balances unchanged, nothing left reserved or queued.
        awaitPosition(BANK_A, position -> position.equals(new CurrencyPosition(euros(100), euros(0), euros(100))));
        awaitPosition(BANK_B, position -> position.equals(new CurrencyPosition(euros(0), euros(0), euros(0))));
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            awaitQueue(bank, view -> view.payments().isEmpty());
        }
        assertThat(awaitRuns(runs -> !runs.isEmpty())).extracting(GridlockRunRecordedEvent::runId)
                .containsExactly(run.runId());
    }

    @Test
    void aGridlockRunTheLedgerRefusesPutsEveryPaymentBackInItsQueue() {
        admitThreeBanksInARingOfQueuedPayments();
        ledger.netting = request -> CompletableFuture.failedFuture(
                new LedgerRefusedException(Reason.of(ReasonCode.AM04, "a net payer's cash is locked")));

        GridlockRunRecordedEvent run = gridlockRuns.run("EUR", ResolutionMode.FIFO, GridlockRunTrigger.OPERATOR);

        assertThat(run.outcome()).isEqualTo(GridlockRunOutcome.ABORTED);
        assertThat(run.abortReason()).contains("AM04");
        assertThat(run.settledUetrs()).isEmpty();
        assertThat(awaitQueue(BANK_B, view -> view.payments().size() == 1).payments())
                .extracting(QueuedPaymentView::uetr).containsExactly(UETR_2);
        assertThat(position(BANK_A)).containsExactly(new CurrencyPosition(euros(100), euros(0), euros(100)));

        // Released for real: a pledge that covers B's payment settles it gross, and the credits it sets
        // off unwind the rest of the ring, each payment on its own.
        commands.sendAndWait(new PledgeLiquidityCommand("T-B", BANK_B, euros(500)));
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            assertThat(awaitPayment(uetr, PaymentStatus.SETTLED).ledgerTransactionId()).isEqualTo("tx-" + uetr.value());
        }
        assertThat(ledger.nettingCalls).hasValue(1);
    }

    @Test
    void aGridlockRunThatCannotSettleAnythingRecordsWhyEachPaymentStays() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        submit(UETR_1, BANK_A, BANK_B, 500);
        awaitPayment(UETR_1, PaymentStatus.QUEUED);

        GridlockRunRecordedEvent run = gridlockRuns.run("EUR", ResolutionMode.OPTIMISING, GridlockRunTrigger.OPERATOR);

        assertThat(run.outcome()).isEqualTo(GridlockRunOutcome.NOTHING_TO_SETTLE);
        assertThat(run.considered()).isEqualTo(1);
        assertThat(run.stayQueued()).containsExactly(new StayQueued(UETR_1, StayQueuedReason.PAYER_SHORT));
        assertThat(ledger.nettingCalls).hasValue(0);
        assertThat(awaitPayment(UETR_1, PaymentStatus.QUEUED)).isNotNull();
        assertThat(gridlockRuns.runIfAnythingQueued("EUR", ResolutionMode.FIFO)).isNotNull();
        commands.sendAndWait(new CancelQueuedPaymentCommand(new LiquidityAccountId(BANK_A, "EUR"), UETR_1,
                Reason.of(ReasonCode.NARR, "cancelled")));
        awaitQueue(BANK_A, view -> view.payments().isEmpty());
        assertThat(gridlockRuns.runIfAnythingQueued("EUR", ResolutionMode.FIFO))
                .as("a scheduled run on empty queues records nothing").isNull();
    }

    @Test
    void aSuspendedBankNeitherPaysNorIsPaidAndItsQueueWaitsFrozenUntilItIsReactivated() {
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            commands.sendAndWait(new AdmitParticipantCommand(bank, "Bank " + bank));
        }
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        submit(UETR_1, BANK_B, BANK_C, 300);
        awaitPayment(UETR_1, PaymentStatus.QUEUED);
        awaitQueue(BANK_B, view -> !view.payments().isEmpty());

        commands.sendAndWait(new SuspendParticipantCommand(BANK_B, "missed the margin call"));
        awaitParticipant(BANK_B, ParticipantStatus.SUSPENDED);
        awaitQueue(BANK_B, view -> view.frozen("EUR"));
        submit(UETR_2, BANK_B, BANK_C, 10);
        assertThat(awaitPayment(UETR_2, PaymentStatus.REJECTED).reason().code()).isEqualTo(ReasonCode.DNOR);
        submit(UETR_3, BANK_A, BANK_B, 500);
        Reason toSuspended = awaitPayment(UETR_3, PaymentStatus.REJECTED).reason();
        assertThat(toSuspended.code()).isEqualTo(ReasonCode.CNOR);
        assertThat(toSuspended.explanation()).contains("suspended", "missed the margin call");

        // The pledge would cover the queued payment; the frozen queue keeps it waiting.
        commands.sendAndWait(new PledgeLiquidityCommand("T-B", BANK_B, euros(1_000)));
        awaitPosition(BANK_B, position -> position.balance().equals(euros(1_000)));
        assertThat(gridlockRuns.run("EUR", ResolutionMode.FIFO, GridlockRunTrigger.OPERATOR).settledUetrs()).isEmpty();
        assertThat(awaitPayment(UETR_1, PaymentStatus.QUEUED)).isNotNull();

        commands.sendAndWait(new ReactivateParticipantCommand(BANK_B));
        awaitParticipant(BANK_B, ParticipantStatus.ACTIVE);
        awaitPayment(UETR_1, PaymentStatus.SETTLED);
        assertThat(awaitQueue(BANK_B, view -> !view.frozen("EUR")).payments()).isEmpty();
        awaitPosition(BANK_C, position -> position.balance().equals(euros(300)));
    }

    @Test
    void thePayeeReturnsASettledPaymentInTwoPartsAndItEndsReturned() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        awaitPosition(BANK_A, position -> position.balance().equals(euros(1_000)));
        submit(UETR_1, BANK_A, BANK_B, 300);
        awaitPayment(UETR_1, PaymentStatus.SETTLED);

        assertThatThrownBy(() -> returnPayment(UETR_2, BANK_A, 100)).as("only the payee returns")
                .hasMessageContaining("only the payee");
        assertThat(returnPayment(UETR_2, BANK_B, 100)).isEqualTo(SubmitPaymentOutcome.ACCEPTED);
        assertThat(returnPayment(UETR_2, BANK_B, 100)).isEqualTo(SubmitPaymentOutcome.REPEATED);
        awaitPayment(UETR_2, PaymentStatus.SETTLED);
        assertThatThrownBy(() -> returnPayment(UETR_3, BANK_B, 201)).hasMessageContaining("exceeds");
        assertThat(returnPayment(UETR_3, BANK_B, 200)).isEqualTo(SubmitPaymentOutcome.ACCEPTED);

        PaymentView original = awaitPayment(UETR_1, PaymentStatus.RETURNED);
        assertThat(original.history()).extracting(entry -> entry.detail())
                .anySatisfy(detail -> assertThat(detail).contains("returned", UETR_2.value()))
                .anySatisfy(detail -> assertThat(detail).contains("returned", UETR_3.value()));
        awaitPosition(BANK_A, position -> position.balance().equals(euros(1_000)));
        awaitPosition(BANK_B, position -> position.balance().equals(euros(0)));
        Uetr another = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e09");
        assertThatThrownBy(() -> returnPayment(another, BANK_B, 1)).hasMessageContaining("RETURNED");
    }

    @Test
    void aReturnThatCannotSettleIsCancelledAndTheAmountIsReturnableAgain() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        submit(UETR_1, BANK_A, BANK_B, 300);
        awaitPayment(UETR_1, PaymentStatus.SETTLED);
        // B hands its 300 on, so it has nothing left to return with.
        submit(UETR_3, BANK_B, BANK_A, 300);
        awaitPayment(UETR_3, PaymentStatus.SETTLED);
        awaitPosition(BANK_B, position -> position.balance().equals(euros(0)));

        returnPayment(UETR_2, BANK_B, 300);
        awaitPayment(UETR_2, PaymentStatus.QUEUED);
        commands.sendAndWait(new CancelQueuedPaymentCommand(new LiquidityAccountId(BANK_B, "EUR"), UETR_2,
                Reason.of(ReasonCode.NARR, "return withdrawn")));
        await(() -> awaitPayment(UETR_1, PaymentStatus.SETTLED).history(),
                history -> history.stream().anyMatch(entry -> entry.detail().contains("failed")), "the failed return");
        Uetr again = Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e08");
        assertThat(returnPayment(again, BANK_B, 300)).isEqualTo(SubmitPaymentOutcome.ACCEPTED);
    }

    @Test
    void pastTheCutOffNewPaymentsAreRefusedAndAtTheCloseWhatIsStillQueuedIsCancelled() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        commands.sendAndWait(new OpenBusinessDayCommand(monday));
        submit(UETR_1, BANK_A, BANK_B, 500);
        awaitPayment(UETR_1, PaymentStatus.QUEUED);

        commands.sendAndWait(new CutOffBusinessDayCommand());
        submit(UETR_2, BANK_A, BANK_B, 1);
        assertThat(awaitPayment(UETR_2, PaymentStatus.REJECTED).reason().code()).isEqualTo(ReasonCode.TM01);
        assertThat(awaitPayment(UETR_1, PaymentStatus.QUEUED)).as("taken before the cut-off, it still waits")
                .isNotNull();

        commands.sendAndWait(new CloseBusinessDayCommand());
        PaymentView cancelled = awaitPayment(UETR_1, PaymentStatus.CANCELLED);
        assertThat(cancelled.reason().code()).isEqualTo(ReasonCode.TM01);
        assertThat(cancelled.reason().explanation()).contains("2026-11-23", "closed");

        commands.sendAndWait(new OpenBusinessDayCommand(monday.plusDays(1)));
        await(() -> queries.query(new FindBusinessDayQuery(), BusinessDayView.class).join(),
                day -> day != null && day.date().equals(monday.plusDays(1)) && day.phase() == BusinessDayPhase.OPEN,
                "Tuesday open");
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        submit(UETR_3, BANK_A, BANK_B, 10);
        awaitPayment(UETR_3, PaymentStatus.SETTLED);
    }

    /**
     * The schedule steps the day as the clock passes its times; at the close each bank's statement adds
     * up to the balance the positions hold: the statements lose and invent nothing.
     */
    @Test
    void theScheduleStepsTheDayAndTheClosedDaysStatementsAgreeWithThePositions() {
        java.time.ZoneId berlin = java.time.ZoneId.of("Europe/Berlin");
        LocalDate monday = LocalDate.of(2026, 11, 23);
        MovableClock clock = new MovableClock(monday.atTime(6, 0).atZone(berlin).toInstant());
        io.clearline.core.businessday.BusinessDayScheduler scheduler = new io.clearline.core.businessday
                .BusinessDayScheduler(new io.clearline.core.businessday.api.BusinessDaySchedule(berlin,
                java.time.LocalTime.of(7, 0), java.time.LocalTime.of(17, 0), java.time.LocalTime.of(17, 0),
                java.time.LocalTime.of(18, 0),
                io.clearline.core.businessday.api.BusinessDaySchedule.WEEKDAYS, null), commands, queries, clock);
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        assertThat(scheduler.tick()).as("before the opening time").isEmpty();

        clock.moveTo(monday.atTime(7, 30).atZone(berlin).toInstant());
        assertThat(scheduler.tick()).contains(new OpenBusinessDayCommand(monday));
        awaitDay(monday, BusinessDayPhase.OPEN);
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        submit(UETR_1, BANK_A, BANK_B, 300);
        awaitPayment(UETR_1, PaymentStatus.SETTLED);

        clock.moveTo(monday.atTime(17, 0).atZone(berlin).toInstant());
        assertThat(scheduler.tick()).contains(new CutOffBusinessDayCommand());
        awaitDay(monday, BusinessDayPhase.CUT_OFF);
        submit(UETR_2, BANK_A, BANK_B, 1);
        assertThat(awaitPayment(UETR_2, PaymentStatus.REJECTED).reason().code()).isEqualTo(ReasonCode.TM01);

        clock.moveTo(monday.atTime(18, 0).atZone(berlin).toInstant());
        assertThat(scheduler.tick()).contains(new CloseBusinessDayCommand());
        awaitDay(monday, BusinessDayPhase.CLOSED);
        for (Bic bank : List.of(BANK_A, BANK_B)) {
            io.clearline.core.statement.api.AccountStatementsView statements = await(() -> queries.query(
                            new io.clearline.core.statement.api.FindAccountStatementsQuery(bank, monday),
                            io.clearline.core.statement.api.AccountStatementsView.class).join(),
                    view -> view.closed(), "Monday's statements of " + bank);
            assertThat(statements.statements()).hasSize(1);
            long closing = statements.statements().getFirst().closingMinorUnits();
            // The account books the payment a moment after the payment settles: wait for the position.
            awaitPosition(bank, position -> position.balance().minorUnits() == closing);
        }
        assertThat(scheduler.tick()).as("Monday is over and the next day opens on Tuesday").isEmpty();
    }

    private void awaitDay(LocalDate date, BusinessDayPhase phase) {
        await(() -> queries.query(new FindBusinessDayQuery(), BusinessDayView.class).join(),
                day -> day != null && day.date().equals(date) && day.phase() == phase, date + " " + phase);
    }

    @Test
    void pastTheCustomerCutOffACustomerPaymentIsRefusedAndAnInterbankOneSettles() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        commands.sendAndWait(new OpenBusinessDayCommand(LocalDate.of(2026, 11, 23)));
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        commands.sendAndWait(new io.clearline.core.businessday.api.CutOffCustomerPaymentsCommand());

        submit(UETR_1, BANK_A, BANK_B, 100);
        PaymentView refused = awaitPayment(UETR_1, PaymentStatus.REJECTED);
        assertThat(refused.reason().code()).isEqualTo(ReasonCode.TM01);
        assertThat(refused.reason().explanation()).contains("customer cut-off");

        io.clearline.core.payment.api.PaymentReferences interbank =
                new io.clearline.core.payment.api.PaymentReferences("MSG-9", "pacs.009.001.08", "INSTR-9", "E2E-9");
        commands.sendAndWait(new SubmitPaymentCommand(UETR_2, BANK_A, BANK_B, euros(100), interbank, "digest-9"));
        awaitPayment(UETR_2, PaymentStatus.SETTLED);
    }

    @Test
    void aPositionAsOfAPastInstantIsWhatItWasThen() {
        commands.sendAndWait(new AdmitParticipantCommand(BANK_A, "Bank A"));
        commands.sendAndWait(new AdmitParticipantCommand(BANK_B, "Bank B"));
        java.time.Instant beforeAnything = java.time.Instant.now();
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(1_000)));
        awaitPosition(BANK_A, position -> position.balance().equals(euros(1_000)));
        java.time.Instant afterThePledge = java.time.Instant.now();
        submit(UETR_1, BANK_A, BANK_B, 300);
        awaitPosition(BANK_A, position -> position.balance().equals(euros(700)));

        assertThat(positionAsOf(BANK_A, beforeAnything)).isEmpty();
        assertThat(positionAsOf(BANK_A, afterThePledge))
                .containsExactly(new CurrencyPosition(euros(1_000), euros(0), euros(1_000)));
        assertThat(positionAsOf(BANK_A, java.time.Instant.now()))
                .containsExactly(new CurrencyPosition(euros(700), euros(0), euros(700)));
        assertThat(positionAsOf(BANK_B, afterThePledge)).isEmpty();
    }

    private List<CurrencyPosition> positionAsOf(Bic bic, java.time.Instant asOf) {
        return queries.query(new io.clearline.core.liquidity.api.FindPositionAsOfQuery(bic, asOf), PositionView.class)
                .join().currencies();
    }

    private SubmitPaymentOutcome returnPayment(Uetr returnUetr, Bic returner, long minorUnits) {
        return commands.sendAndWait(new ReturnPaymentCommand(UETR_1, returnUetr, returner, euros(minorUnits), "AC04",
                REFERENCES, "return-" + returnUetr.value() + minorUnits));
    }

    private void awaitParticipant(Bic bic, ParticipantStatus status) {
        await(() -> queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .join(), participants -> participants.stream()
                .anyMatch(participant -> participant.bic().equals(bic) && participant.status() == status),
                bic + " " + status);
    }

    /** A pays B, B pays C, C pays A, 500 each; only A has anything (100), so each payment queues. */
    private void admitThreeBanksInARingOfQueuedPayments() {
        for (Bic bank : List.of(BANK_A, BANK_B, BANK_C)) {
            commands.sendAndWait(new AdmitParticipantCommand(bank, "Bank " + bank));
        }
        commands.sendAndWait(new PledgeLiquidityCommand("T-A", BANK_A, euros(100)));
        awaitPosition(BANK_A, position -> position.balance().equals(euros(100)));
        submit(UETR_1, BANK_A, BANK_B, 500);
        submit(UETR_2, BANK_B, BANK_C, 500);
        submit(UETR_3, BANK_C, BANK_A, 500);
        for (Uetr uetr : List.of(UETR_1, UETR_2, UETR_3)) {
            awaitPayment(uetr, PaymentStatus.QUEUED);
        }
    }

    private List<GridlockRunRecordedEvent> awaitRuns(Predicate<List<GridlockRunRecordedEvent>> condition) {
        return CoreProbes.awaitRuns(queries, condition);
    }

    private PaymentView awaitPayment(Uetr uetr, PaymentStatus status) {
        return CoreProbes.awaitPayment(queries, uetr, status);
    }

    private void awaitPosition(Bic bic, Predicate<CurrencyPosition> condition) {
        CoreProbes.awaitPosition(queries, bic, condition);
    }

    private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        return CoreProbes.await(probe, done, what);
    }
}
