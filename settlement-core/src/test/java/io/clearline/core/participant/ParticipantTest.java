package io.clearline.core.participant;

import static io.clearline.core.TestData.BANK_A;

import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
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
}
