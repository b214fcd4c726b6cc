package io.clearline.core.participant;

import static io.clearline.core.TestData.BANK_A;

import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.ParticipantNotActiveException;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantRemovedEvent;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import io.clearline.core.participant.api.ReactivateParticipantCommand;
import io.clearline.core.participant.api.RemoveParticipantCommand;
import io.clearline.core.participant.api.SuspendParticipantCommand;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParticipantTest {
    private AggregateTestFixture<Participant> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Participant.class);
    }

    @Test
    void admittingABankRecordsItsAdmission() {
        fixture.givenNoPriorActivity()
                .when(new AdmitParticipantCommand(BANK_A, "Bank A"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ParticipantAdmittedEvent(BANK_A, "Bank A", fixture.currentTime()));
    }

    @Test
    void admittingAnAdmittedBankAgainChangesNothing() {
        fixture.given(new ParticipantAdmittedEvent(BANK_A, "Bank A", fixture.currentTime()))
                .when(new AdmitParticipantCommand(BANK_A, "Bank A"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anAdmittedBankPassesVerification() {
        fixture.given(new ParticipantAdmittedEvent(BANK_A, "Bank A", fixture.currentTime()))
                .when(new VerifyParticipantAdmittedCommand(BANK_A))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aBankNeverAdmittedFailsVerification() {
        fixture.givenNoPriorActivity()
                .when(new VerifyParticipantAdmittedCommand(BANK_A))
                .expectException(AggregateNotFoundException.class);
    }

    private ParticipantAdmittedEvent admitted() {
        return new ParticipantAdmittedEvent(BANK_A, "Bank A", fixture.currentTime());
    }

    private ParticipantSuspendedEvent suspended() {
        return new ParticipantSuspendedEvent(BANK_A, "missed the margin call", fixture.currentTime());
    }

    @Test
    void aSuspendedBankFailsVerificationWithTheReason() {
        fixture.given(admitted())
                .when(new SuspendParticipantCommand(BANK_A, "missed the margin call"))
                .expectEvents(suspended());
        fixture.given(admitted(), suspended())
                .when(new VerifyParticipantAdmittedCommand(BANK_A))
                .expectException(ParticipantNotActiveException.class)
                .expectExceptionMessage("BANKAAAAXXX is suspended: suspended by the operator: missed the margin call");
    }

    @Test
    void suspendingASuspendedBankAgainChangesNothingAndReactivationRestoresIt() {
        fixture.given(admitted(), suspended())
                .when(new SuspendParticipantCommand(BANK_A, "again"))
                .expectNoEvents();
        fixture.given(admitted(), suspended())
                .when(new ReactivateParticipantCommand(BANK_A))
                .expectEvents(new ParticipantReactivatedEvent(BANK_A, fixture.currentTime()));
        fixture.given(admitted(), suspended(), new ParticipantReactivatedEvent(BANK_A, fixture.currentTime()))
                .when(new VerifyParticipantAdmittedCommand(BANK_A))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void onlyASuspendedBankCanBeRemovedAndARemovedOneNeverReturns() {
        fixture.given(admitted())
                .when(new RemoveParticipantCommand(BANK_A))
                .expectException(IllegalStateException.class);
        fixture.given(admitted(), suspended())
                .when(new RemoveParticipantCommand(BANK_A))
                .expectEvents(new ParticipantRemovedEvent(BANK_A, fixture.currentTime()));
        ParticipantRemovedEvent removed = new ParticipantRemovedEvent(BANK_A, fixture.currentTime());
        fixture.given(admitted(), suspended(), removed)
                .when(new ReactivateParticipantCommand(BANK_A))
                .expectException(IllegalStateException.class);
        fixture.given(admitted(), suspended(), removed)
                .when(new AdmitParticipantCommand(BANK_A, "Bank A"))
                .expectException(IllegalStateException.class);
        fixture.given(admitted(), suspended(), removed)
                .when(new VerifyParticipantAdmittedCommand(BANK_A))
                .expectException(ParticipantNotActiveException.class);
    }
}
