package io.clearline.core.payment;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.StubLedgerPort;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationRefusedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.QueuePaymentCommand;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.businessday.api.PaymentsNotAcceptedException;
import io.clearline.core.businessday.api.VerifyAcceptingPaymentsCommand;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import io.clearline.core.payment.api.MarkPaymentSettlingCommand;
import io.clearline.core.payment.api.PaymentReceivedEvent;
import io.clearline.core.payment.api.PaymentRejectedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import io.clearline.core.payment.api.PaymentSettlingEvent;
import io.clearline.core.payment.api.RejectPaymentCommand;
import io.clearline.core.payment.api.SettlePaymentCommand;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaymentSettlementSagaTest {
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00Z");
    private static final LiquidityAccountId PAYER_ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final LiquidityAccountId PAYEE_ACCOUNT = new LiquidityAccountId(BANK_B, "EUR");
    private static final Reason AM04 = Reason.of(ReasonCode.AM04, "available liquidity 10 does not cover 100 EUR");

    private SagaTestFixture<PaymentSettlementSaga> fixture;
    private StubLedgerPort ledger;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(PaymentSettlementSaga.class);
        ledger = new StubLedgerPort();
        fixture.registerResource(ledger);
    }

    private static PaymentReceivedEvent received() {
        return new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest-1", AT);
    }

    private static LiquidityReservedEvent reserved() {
        return new LiquidityReservedEvent(PAYER_ACCOUNT, UETR_1, euros(100), AT);
    }

    private static PaymentSettlingEvent settling() {
        return new PaymentSettlingEvent(UETR_1, BANK_A, BANK_B, euros(100), AT);
    }

    @Test
    void aReceivedPaymentChecksBothBanksThenReservesThePayersLiquidity() {
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B),
                        new ReserveLiquidityCommand(PAYER_ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, BANK_B));
    }

    @Test
    void aPayerNotAdmittedIsRejectedWithDNOR() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof VerifyParticipantAdmittedCommand verify && verify.bic().equals(BANK_A)) {
                throw new AggregateNotFoundException(BANK_A.value(), "no participant");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new RejectPaymentCommand(UETR_1,
                                Reason.of(ReasonCode.DNOR, "the payer BANKAAAAXXX is not an admitted participant")));
    }

    @Test
    void aPayeeNotAdmittedIsRejectedWithCNOR() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof VerifyParticipantAdmittedCommand verify && verify.bic().equals(BANK_B)) {
                throw new AggregateNotFoundException(BANK_B.value(), "no participant");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B),
                        new RejectPaymentCommand(UETR_1,
                                Reason.of(ReasonCode.CNOR, "the payee BANKBBBBXXX is not an admitted participant")));
    }

    @Test
    void aPaymentAfterTheCutOffIsRejectedWithTM01BeforeAnythingElse() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof VerifyAcceptingPaymentsCommand) {
                throw new PaymentsNotAcceptedException("business day 2025-01-02 is past its cut-off");
            }
            return null;
        });
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(received())
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new RejectPaymentCommand(UETR_1,
                                Reason.of(ReasonCode.TM01, "business day 2025-01-02 is past its cut-off")));
    }

    @Test
    void coveredPaymentStartsSettlingOnceLiquidityIsReserved() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(reserved())
                .expectDispatchedCommands(new MarkPaymentSettlingCommand(UETR_1));
    }

    @Test
    void coveredPaymentSettlesOnTheLedger() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .whenAggregate(UETR_1.value()).publishes(settling())
                .expectDispatchedCommands(new SettlePaymentCommand(UETR_1, "tx-" + UETR_1.value()));
        assertThat(ledger.settlementCalls).hasValue(1);
    }

    @Test
    void aSettledPaymentDebitsThePayerCreditsThePayeeAndEnds() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .andThenAggregate(UETR_1.value()).published(settling())
                .whenAggregate(UETR_1.value()).publishes(new PaymentSettledEvent(UETR_1, BANK_A, BANK_B, euros(100),
                        REFERENCES, "tx-1", AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(
                        new DebitReservationCommand(PAYER_ACCOUNT, UETR_1),
                        new CreditIncomingPaymentCommand(PAYEE_ACCOUNT, UETR_1, euros(100), BANK_A));
    }

    @Test
    void aPaymentRefusedByAFullQueueIsRejectedWithAM04() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(
                        new LiquidityReservationRefusedEvent(PAYER_ACCOUNT, UETR_1, euros(100), AM04, AT))
                .expectDispatchedCommands(new RejectPaymentCommand(UETR_1, AM04));
    }

    @Test
    void aRejectedPaymentWithoutReservationEndsWithoutMovingMoney() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(
                        new LiquidityReservationRefusedEvent(PAYER_ACCOUNT, UETR_1, euros(100), AM04, AT))
                .whenAggregate(UETR_1.value()).publishes(
                        new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, AM04, AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void ledgerRefusalRejectsThePaymentWithTheLedgersReason() {
        Reason refusal = Reason.of(ReasonCode.NARR, "the payee did not sign");
        ledger.settlement = request -> CompletableFuture.failedFuture(new LedgerRefusedException(refusal));
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .whenAggregate(UETR_1.value()).publishes(settling())
                .expectDispatchedCommands(new RejectPaymentCommand(UETR_1, refusal));
        assertThat(ledger.settlementCalls).as("a refusal is never retried").hasValue(1);
    }

    @Test
    void aRejectionAfterReservationReleasesTheLiquidityAndEnds() {
        Reason refusal = Reason.of(ReasonCode.NARR, "the payee did not sign");
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .andThenAggregate(UETR_1.value()).published(settling())
                .whenAggregate(UETR_1.value()).publishes(
                        new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, refusal, AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseReservationCommand(PAYER_ACCOUNT, UETR_1));
    }

    @Test
    void ledgerFaultsAreRetriedUpToTheLimitThenRejectedWithNARR() {
        ledger.settlement = request -> CompletableFuture.failedFuture(new IllegalStateException("notary unreachable"));
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .whenAggregate(UETR_1.value()).publishes(settling())
                .expectDispatchedCommands(new RejectPaymentCommand(UETR_1, Reason.of(ReasonCode.NARR,
                        "settlement on the ledger failed: the ledger failed 3 times, last with: "
                                + "java.lang.IllegalStateException: notary unreachable")));
        assertThat(ledger.settlementCalls).hasValue(PaymentSettlementSaga.LEDGER_ATTEMPTS_MAX);
    }

    @Test
    void aLedgerFaultFollowedBySuccessSettles() {
        ledger.settlement = request -> ledger.settlementCalls.get() == 1
                ? CompletableFuture.failedFuture(new IllegalStateException("timeout"))
                : CompletableFuture.completedFuture(new io.clearline.core.ledger.api.LedgerReceipt("tx-2"));
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(reserved())
                .whenAggregate(UETR_1.value()).publishes(settling())
                .expectDispatchedCommands(new SettlePaymentCommand(UETR_1, "tx-2"));
    }

    @Test
    void aZeroAmountPaymentEndsAtOnceBecauseTheInstructionRejectedIt() {
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(
                        new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(0), REFERENCES, "digest-0", AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    private static LiquidityReservationQueuedEvent queued() {
        return new LiquidityReservationQueuedEvent(PAYER_ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, AM04, AT);
    }

    @Test
    void aPaymentIsReservedAtThePriorityItWasSubmittedWith() {
        fixture.givenNoPriorActivity()
                .whenAggregate(UETR_1.value()).publishes(new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100),
                        REFERENCES, "digest-1", AT, PaymentPriority.HIGH))
                .expectDispatchedCommands(
                        new VerifyAcceptingPaymentsCommand(true),
                        new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B),
                        new ReserveLiquidityCommand(PAYER_ACCOUNT, UETR_1, euros(100), PaymentPriority.HIGH, BANK_B));
    }

    @Test
    void anUncoveredPaymentIsQueuedWithTheAccountsReason() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(queued())
                .expectActiveSagas(1)
                .expectDispatchedCommands(new QueuePaymentCommand(UETR_1, AM04));
    }

    @Test
    void aQueuedPaymentReservedByItsAccountChecksBothBanksAgainThenSettlesThroughTheSamePath() {
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(queued())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(reserved())
                .expectDispatchedCommands(new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B), new MarkPaymentSettlingCommand(UETR_1));
    }

    /** T2 stops what waits for a suspended participant; here it is refused, and its payer told. */
    @Test
    void aQueuedPaymentToAPayeeSuspendedWhileItWaitedIsRejectedWithCNOR() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof VerifyParticipantAdmittedCommand verify && verify.bic().equals(BANK_B)) {
                throw new io.clearline.core.participant.api.ParticipantNotActiveException(BANK_B,
                        io.clearline.core.participant.api.ParticipantStatus.SUSPENDED, "under investigation");
            }
            return null;
        });
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(queued())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(reserved())
                .expectDispatchedCommands(new VerifyParticipantAdmittedCommand(BANK_A),
                        new VerifyParticipantAdmittedCommand(BANK_B), new RejectPaymentCommand(UETR_1,
                                Reason.of(ReasonCode.CNOR, "the payee BANKBBBBXXX is suspended: under investigation")));
    }

    @Test
    void aQueuedPaymentCancelledByItsAccountIsCancelledWithTheSameReason() {
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(queued())
                .whenAggregate(PAYER_ACCOUNT.toString()).publishes(
                        new QueuedPaymentCancelledEvent(PAYER_ACCOUNT, UETR_1, euros(100), cancelled, AT))
                .expectDispatchedCommands(new CancelPaymentCommand(UETR_1, cancelled));
    }

    @Test
    void aCancelledPaymentEndsWithoutMovingMoney() {
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(queued(),
                        new QueuedPaymentCancelledEvent(PAYER_ACCOUNT, UETR_1, euros(100), cancelled, AT))
                .whenAggregate(UETR_1.value()).publishes(
                        new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, cancelled, AT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void aQueuedPaymentThatIsRejectedGivesBackItsPlaceInTheQueue() {
        Reason refusal = Reason.of(ReasonCode.NARR, "end of day");
        fixture.givenAggregate(UETR_1.value()).published(received())
                .andThenAggregate(PAYER_ACCOUNT.toString()).published(queued())
                .whenAggregate(UETR_1.value()).publishes(
                        new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, refusal, AT))
                .expectActiveSagas(0)
                .expectDispatchedCommands(new ReleaseReservationCommand(PAYER_ACCOUNT, UETR_1));
    }
}
