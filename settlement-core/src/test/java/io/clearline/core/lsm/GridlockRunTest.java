package io.clearline.core.lsm;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;

import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.DecideGridlockRunCommand;
import io.clearline.core.lsm.api.GridlockAccountPart;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.GridlockRunDecidedEvent;
import io.clearline.core.lsm.api.GridlockRunDecision;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunProgress;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.GridlockRunSubmittedEvent;
import io.clearline.core.lsm.api.GridlockRunTrigger;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.ReadGridlockRunProgressCommand;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import io.clearline.core.lsm.api.ResolutionAlgorithm;
import io.clearline.core.lsm.api.ResolutionMode;
import io.clearline.core.lsm.api.StartGridlockRunCommand;
import io.clearline.core.lsm.api.SubmitGridlockRunCommand;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run is started, submitted, decided once, then recorded as its decision says. */
class GridlockRunTest {
    private static final String RUN_ID = "lsm-1";
    private static final Instant STARTED_AT = Instant.parse("2026-11-24T09:00:00Z");
    private static final GridlockRunDecision SETTLED = GridlockRunDecision.settled("tx-1");
    private static final GridlockRunDecision ABORTED = GridlockRunDecision.aborted("the ledger refused: AM04");
    private AggregateTestFixture<GridlockRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(GridlockRun.class);
    }

    private static GridlockRunStartedEvent started() {
        GridlockLeg aPaysB = new GridlockLeg(UETR_1, BANK_B, euros(100), PaymentPriority.NORMAL);
        GridlockLeg bIsPaidByA = new GridlockLeg(UETR_1, BANK_A, euros(100), PaymentPriority.NORMAL);
        return new GridlockRunStartedEvent(RUN_ID, "EUR", ResolutionMode.FIFO, ResolutionAlgorithm.FIFO_REMOVAL,
                GridlockRunTrigger.OPERATOR, 1, List.of(new GridlockAccountPart(BANK_A, List.of(aPaysB), List.of()),
                new GridlockAccountPart(BANK_B, List.of(), List.of(bIsPaidByA))), List.of(), STARTED_AT);
    }

    private GridlockRunSubmittedEvent submitted() {
        return new GridlockRunSubmittedEvent(RUN_ID, fixture.currentTime());
    }

    private GridlockRunDecidedEvent decided(GridlockRunDecision decision) {
        return new GridlockRunDecidedEvent(RUN_ID, decision, fixture.currentTime());
    }

    private static GridlockRunRecordedEvent recorded(GridlockRunOutcome outcome, String transactionId, String reason) {
        boolean settled = outcome == GridlockRunOutcome.SETTLED;
        return new GridlockRunRecordedEvent(RUN_ID, "EUR", ResolutionMode.FIFO, ResolutionAlgorithm.FIFO_REMOVAL,
                GridlockRunTrigger.OPERATOR, outcome, 1, settled ? List.of(UETR_1) : List.of(),
                settled ? euros(100) : Money.zero("EUR"), transactionId, List.of(), reason, STARTED_AT, STARTED_AT);
    }

    @Test
    void aRunStartsOnceAndADifferentStartUnderItsIdFails() {
        fixture.givenNoPriorActivity().when(new StartGridlockRunCommand(RUN_ID, started())).expectEvents(started());
        fixture.given(started()).when(new StartGridlockRunCommand(RUN_ID, started())).expectNoEvents();
        GridlockRunStartedEvent other = new GridlockRunStartedEvent(RUN_ID, "EUR", ResolutionMode.OPTIMISING,
                ResolutionAlgorithm.FIFO_REMOVAL, GridlockRunTrigger.OPERATOR, 1, started().parts(), List.of(),
                STARTED_AT);
        fixture.given(started()).when(new StartGridlockRunCommand(RUN_ID, other))
                .expectException(IllegalStateException.class).expectExceptionMessage(
                        "gridlock run lsm-1 already exists and started otherwise");
    }

    @Test
    void aRunIsSubmittedToTheLedgerOnceAndNotAtAllOnceDecided() {
        fixture.given(started()).when(new SubmitGridlockRunCommand(RUN_ID)).expectEvents(submitted())
                .expectResultMessagePayload(null);
        fixture.given(started(), submitted()).when(new SubmitGridlockRunCommand(RUN_ID)).expectNoEvents();
        fixture.given(started(), decided(ABORTED)).when(new SubmitGridlockRunCommand(RUN_ID)).expectNoEvents()
                .expectResultMessagePayload(ABORTED);
    }

    @Test
    void theFirstDecisionHoldsAndLaterOnesAreAnsweredWithIt() {
        fixture.given(started(), submitted()).when(new DecideGridlockRunCommand(RUN_ID, SETTLED, true))
                .expectEvents(decided(SETTLED)).expectResultMessagePayload(SETTLED);
        fixture.given(started(), submitted(), decided(SETTLED))
                .when(new DecideGridlockRunCommand(RUN_ID, ABORTED, true))
                .expectNoEvents().expectResultMessagePayload(SETTLED);
    }

    @Test
    void aRunSubmittedToTheLedgerIsDecidedOnlyByTheLedgersAnswer() {
        fixture.given(started(), submitted()).when(new DecideGridlockRunCommand(RUN_ID, ABORTED, false))
                .expectException(IllegalStateException.class).expectExceptionMessage(
                        "gridlock run lsm-1 was submitted to the ledger: only the ledger's answer decides it");
    }

    @Test
    void aRunNotSubmittedIsAbortedWithoutTheLedgerButNeverSettled() {
        fixture.given(started()).when(new DecideGridlockRunCommand(RUN_ID, ABORTED, false))
                .expectEvents(decided(ABORTED));
        fixture.given(started()).when(new DecideGridlockRunCommand(RUN_ID, SETTLED, false))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("gridlock run lsm-1 settles only on the ledger's answer");
        fixture.given(started()).when(new DecideGridlockRunCommand(RUN_ID, SETTLED, true))
                .expectException(IllegalStateException.class)
                .expectExceptionMessage("gridlock run lsm-1 has a ledger answer but was never submitted");
    }

    @Test
    void aStartedRunIsRecordedOnlyAsItsDecisionSaysAndOnce() {
        GridlockRunRecordedEvent settled = recorded(GridlockRunOutcome.SETTLED, "tx-1", null);
        fixture.given(started(), submitted(), decided(SETTLED)).when(new RecordGridlockRunCommand(RUN_ID, settled))
                .expectEvents(settled);
        fixture.given(started(), submitted()).when(new RecordGridlockRunCommand(RUN_ID, settled))
                .expectException(IllegalStateException.class);
        fixture.given(started(), submitted(), decided(SETTLED))
                .when(new RecordGridlockRunCommand(RUN_ID, recorded(GridlockRunOutcome.ABORTED, null, "refused")))
                .expectException(IllegalStateException.class);
        fixture.given(started(), submitted(), decided(SETTLED), settled)
                .when(new RecordGridlockRunCommand(RUN_ID, settled)).expectNoEvents();
    }

    @Test
    void aRunRecordedOnlyAtItsEndIsRecordedOnceAndReadsAsFinished() {
        GridlockRunRecordedEvent nothing = recorded(GridlockRunOutcome.NOTHING_TO_SETTLE, null, null);
        fixture.givenNoPriorActivity().when(new RecordGridlockRunCommand(RUN_ID, nothing)).expectEvents(nothing);
        fixture.given(nothing).when(new RecordGridlockRunCommand(RUN_ID, nothing)).expectNoEvents();
        fixture.given(nothing).when(new ReadGridlockRunProgressCommand(RUN_ID)).expectNoEvents()
                .expectResultMessagePayload(new GridlockRunProgress(null, false, null, true));
        fixture.given(nothing).when(new SubmitGridlockRunCommand(RUN_ID))
                .expectException(IllegalStateException.class);
    }
}
