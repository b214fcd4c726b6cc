package io.clearline.core;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.REFERENCES;
import static io.clearline.core.TestData.UETR_1;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.LiquidityAccountMemento;
import io.clearline.core.liquidity.LiquidityPledgeSaga;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.liquidity.api.*;
import io.clearline.core.participant.api.AdmitParticipantCommand;
import io.clearline.core.participant.api.ParticipantAdmittedEvent;
import io.clearline.core.participant.api.VerifyParticipantAdmittedCommand;
import io.clearline.core.payment.PaymentSettlementSaga;
import io.clearline.core.payment.api.*;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.HeldPaymentReleasedEvent;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.payment.api.CancelPaymentCommand;
import io.clearline.core.payment.api.PaymentCancelledEvent;
import io.clearline.core.payment.api.PaymentQueuedEvent;
import io.clearline.core.payment.api.QueuePaymentCommand;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;

/**
 * The node serializes with Jackson seeing fields (visibility ANY) and java.time; everything must
 * round-trip. WARNING for the node: {@code Money.isZero()} looks like a property "zero" to Jackson,
 * so the mapper must also hide is-getters ({@code IS_GETTER} visibility NONE), or every event with
 * money is written with a "zero" field that fails to read back.
 */
public class JacksonRoundTripTest {
    private static final Instant AT = Instant.parse("2025-01-02T09:00:00.123456Z");
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final Reason REASON = Reason.of(ReasonCode.AM04, "short");
    private static final io.clearline.core.lsm.api.GridlockRunStartedEvent GRIDLOCK_RUN_STARTED =
            new io.clearline.core.lsm.api.GridlockRunStartedEvent("lsm-1", "EUR",
                    io.clearline.core.lsm.api.ResolutionMode.FIFO, io.clearline.core.lsm.api.ResolutionAlgorithm.FIFO_REMOVAL,
                    io.clearline.core.lsm.api.GridlockRunTrigger.SCHEDULE, 2, List.of(
                            new io.clearline.core.lsm.api.GridlockAccountPart(BANK_A, List.of(
                                    new io.clearline.core.lsm.api.GridlockLeg(UETR_1, BANK_B, euros(100),
                                            io.clearline.core.lsm.api.PaymentPriority.NORMAL)), List.of()),
                            new io.clearline.core.lsm.api.GridlockAccountPart(BANK_B, List.of(), List.of(
                                    new io.clearline.core.lsm.api.GridlockLeg(UETR_1, BANK_A, euros(100),
                                            io.clearline.core.lsm.api.PaymentPriority.NORMAL)))),
                    List.of(new io.clearline.core.lsm.api.StayQueued(io.clearline.core.TestData.UETR_2,
                            io.clearline.core.lsm.api.StayQueuedReason.PAYER_SHORT)), AT);

    /** The configuration the node must use: fields seen, is-getters hidden, java.time known. */
    public static ObjectMapper nodeObjectMapper() {
        return new ObjectMapper()
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .setVisibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
                .registerModule(new JavaTimeModule());
    }

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(nodeObjectMapper()).build();

    @Test
    void moneyDoesNotRoundTripUnlessIsGettersAreHidden() {
        JacksonSerializer fieldsOnly = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper()
                        .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                        .registerModule(new JavaTimeModule()))
                .build();
        SerializedObject<String> serialized = fieldsOnly.serialize(euros(100), String.class);
        assertThat(serialized.getData()).contains("\"zero\"");
        assertThatThrownBy(() -> fieldsOnly.deserialize(serialized)).hasRootCauseInstanceOf(
                com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException.class);
    }

    private Object roundTrip(Object value) {
        SerializedObject<String> serialized = serializer.serialize(value, String.class);
        return serializer.deserialize(serialized);
    }

    @Test
    void everyEventAndCommandRoundTrips() {
        List<Object> messages = List.of(
                new ParticipantAdmittedEvent(BANK_A, "Bank A", AT),
                new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest", AT),
                new PaymentSettlingEvent(UETR_1, BANK_A, BANK_B, euros(100), AT),
                new PaymentSettledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "tx-1", AT),
                new PaymentSettledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "tx-1", AT, "lsm-1"),
                new io.clearline.core.liquidity.api.GridlockReservedEvent(ACCOUNT, "lsm-1",
                        List.of(new io.clearline.core.lsm.api.GridlockLeg(UETR_1, BANK_B, euros(100),
                                io.clearline.core.lsm.api.PaymentPriority.HIGH)),
                        List.of(), euros(100), AT),
                new io.clearline.core.liquidity.api.QueuedPaymentReprioritisedEvent(ACCOUNT, UETR_1,
                        io.clearline.core.lsm.api.PaymentPriority.NORMAL, io.clearline.core.lsm.api.PaymentPriority.HIGH,
                        AT),
                new io.clearline.core.payment.api.PaymentReturnRequestedEvent(UETR_1,
                        io.clearline.core.TestData.UETR_2, BANK_B, BANK_A, euros(10), "AC04", REFERENCES, "d", AT),
                new io.clearline.core.payment.api.PaymentReturnedEvent(UETR_1, io.clearline.core.TestData.UETR_2,
                        euros(10), false, "tx-2", AT),
                new io.clearline.core.payment.api.PaymentReturnFailedEvent(UETR_1, io.clearline.core.TestData.UETR_2,
                        euros(10), REASON, AT),
                new io.clearline.core.liquidity.api.FifoBypassSetEvent(ACCOUNT, true, AT),
                new io.clearline.core.liquidity.api.PriorityReservationSetEvent(ACCOUNT,
                        io.clearline.core.lsm.api.PaymentPriority.URGENT, euros(10), AT),
                new io.clearline.core.businessday.api.BusinessDayOpenedEvent("network",
                        java.time.LocalDate.of(2026, 11, 24), AT),
                new io.clearline.core.businessday.api.BusinessDayCutOffEvent("network",
                        java.time.LocalDate.of(2026, 11, 24), AT),
                new io.clearline.core.businessday.api.BusinessDayClosedEvent("network",
                        java.time.LocalDate.of(2026, 11, 24), AT),
                new io.clearline.core.liquidity.api.AccountBusinessDayStartedEvent(ACCOUNT,
                        java.time.LocalDate.of(2026, 11, 24), AT),
                new io.clearline.core.participant.api.ParticipantSuspendedEvent(BANK_A, "margin call", AT),
                new io.clearline.core.participant.api.ParticipantReactivatedEvent(BANK_A, AT),
                new io.clearline.core.participant.api.ParticipantRemovedEvent(BANK_A, AT),
                new io.clearline.core.liquidity.api.QueueFrozenEvent(ACCOUNT, "margin call", AT),
                new io.clearline.core.liquidity.api.QueueThawedEvent(ACCOUNT, AT),
                new io.clearline.core.liquidity.api.GridlockSettledEvent(ACCOUNT, "lsm-1", euros(100), euros(0),
                        euros(100), "tx-1", AT),
                new io.clearline.core.liquidity.api.GridlockReservationReleasedEvent(ACCOUNT, "lsm-1", List.of(),
                        euros(0), AT),
                new io.clearline.core.lsm.api.GridlockRunRecordedEvent("lsm-1", "EUR",
                        io.clearline.core.lsm.api.ResolutionMode.OPTIMISING,
                        io.clearline.core.lsm.api.ResolutionAlgorithm.EXACT_BRANCH_AND_BOUND,
                        io.clearline.core.lsm.api.GridlockRunTrigger.OPERATOR,
                        io.clearline.core.lsm.api.GridlockRunOutcome.SETTLED, 2, List.of(UETR_1), euros(100), "tx-1",
                        List.of(new io.clearline.core.lsm.api.StayQueued(io.clearline.core.TestData.UETR_2,
                                io.clearline.core.lsm.api.StayQueuedReason.PAYER_SHORT)),
                        null, AT, AT),
                new io.clearline.core.lsm.api.StartGridlockRunCommand("lsm-1", GRIDLOCK_RUN_STARTED),
                GRIDLOCK_RUN_STARTED,
                new io.clearline.core.lsm.api.SubmitGridlockRunCommand("lsm-1"),
                new io.clearline.core.lsm.api.GridlockRunSubmittedEvent("lsm-1", AT),
                new io.clearline.core.lsm.api.DecideGridlockRunCommand("lsm-1",
                        io.clearline.core.lsm.api.GridlockRunDecision.settled("tx-1"), true),
                new io.clearline.core.lsm.api.GridlockRunDecidedEvent("lsm-1",
                        io.clearline.core.lsm.api.GridlockRunDecision.settled("tx-1"), AT),
                new io.clearline.core.lsm.api.GridlockRunDecidedEvent("lsm-1",
                        io.clearline.core.lsm.api.GridlockRunDecision.aborted("AM04: refused"), AT),
                new io.clearline.core.lsm.api.ReadGridlockRunProgressCommand("lsm-1"),
                new PaymentRejectedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, REASON, AT),
                new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(100), AT),
                new LiquidityReservationRefusedEvent(ACCOUNT, UETR_1, euros(100), REASON, AT),
                new LiquidityReservationReleasedEvent(ACCOUNT, UETR_1, euros(100), AT),
                new ReservationDebitedEvent(ACCOUNT, UETR_1, euros(100), AT),
                new IncomingPaymentCreditedEvent(ACCOUNT, UETR_1, euros(100), AT),
                new LiquidityPledgedEvent("T-1", BANK_A, euros(100), "tx-1", AT),
                new LiquidityPledgeRequestedEvent("T-1", BANK_A, euros(100), AT),
                new LiquidityTransferCompletedEvent("T-1", BANK_A, euros(100), "tx-1", AT),
                new LiquidityTransferFailedEvent("T-1", BANK_A, euros(100), REASON, AT),
                new AdmitParticipantCommand(BANK_A, "Bank A"),
                new VerifyParticipantAdmittedCommand(BANK_A),
                new SubmitPaymentCommand(UETR_1, BANK_A, BANK_B, euros(0), REFERENCES, "digest"),
                new MarkPaymentSettlingCommand(UETR_1),
                new SettlePaymentCommand(UETR_1, "tx-1"),
                new RejectPaymentCommand(UETR_1, REASON),
                new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(100)),
                new ReleaseReservationCommand(ACCOUNT, UETR_1),
                new DebitReservationCommand(ACCOUNT, UETR_1),
                new CreditIncomingPaymentCommand(ACCOUNT, UETR_1, euros(100)),
                new CreditPledgeCommand(ACCOUNT, "T-1", euros(100), "tx-1"),
                new PledgeLiquidityCommand("T-1", BANK_A, euros(100)),
                new CompleteLiquidityTransferCommand("T-1", "tx-1"),
                new FailLiquidityTransferCommand("T-1", REASON),
                new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest", AT,
                        PaymentPriority.HIGH),
                new PaymentQueuedEvent(UETR_1, BANK_A, BANK_B, euros(100), PaymentPriority.HIGH, REASON, AT),
                new PaymentCancelledEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, REASON, AT),
                new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(100), PaymentPriority.URGENT, REASON, AT),
                new QueuedPaymentHeldEvent(ACCOUNT, UETR_1, AT),
                new HeldPaymentReleasedEvent(ACCOUNT, UETR_1, AT),
                new QueuedPaymentCancelledEvent(ACCOUNT, UETR_1, euros(100), REASON, AT),
                new SubmitPaymentCommand(UETR_1, BANK_A, BANK_B, euros(1), REFERENCES, "digest", PaymentPriority.URGENT),
                new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(100), PaymentPriority.HIGH),
                new QueuePaymentCommand(UETR_1, REASON),
                new CancelPaymentCommand(UETR_1, REASON),
                new HoldQueuedPaymentCommand(ACCOUNT, UETR_1),
                new ReleaseHeldPaymentCommand(ACCOUNT, UETR_1),
                new CancelQueuedPaymentCommand(ACCOUNT, UETR_1, REASON),
                new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(100), AT, PaymentPriority.HIGH, BANK_B),
                new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, REASON, AT,
                        BANK_B),
                new IncomingPaymentCreditedEvent(ACCOUNT, UETR_1, euros(100), AT, BANK_B),
                new ReserveLiquidityCommand(ACCOUNT, UETR_1, euros(100), PaymentPriority.NORMAL, BANK_B),
                new CreditIncomingPaymentCommand(ACCOUNT, UETR_1, euros(100), BANK_B),
                new SetBilateralLimitCommand(ACCOUNT, BANK_B, euros(100_000)),
                new RemoveBilateralLimitCommand(ACCOUNT, BANK_B),
                new SetMultilateralLimitCommand(ACCOUNT, euros(0)),
                new RemoveMultilateralLimitCommand(ACCOUNT),
                new BilateralLimitSetEvent(ACCOUNT, BANK_B, euros(100_000), AT),
                new BilateralLimitRemovedEvent(ACCOUNT, BANK_B, AT),
                new MultilateralLimitSetEvent(ACCOUNT, euros(0), AT),
                new MultilateralLimitRemovedEvent(ACCOUNT, AT),
                new io.clearline.core.liquidity.api.RedeemLiquidityCommand("T-2", BANK_A, euros(100)),
                new io.clearline.core.liquidity.api.LiquidityRedemptionRequestedEvent("T-2", BANK_A, euros(100), AT),
                new io.clearline.core.liquidity.api.ReserveRedemptionCommand(ACCOUNT, "T-2", euros(100)),
                new io.clearline.core.liquidity.api.RedemptionReservedEvent(ACCOUNT, "T-2", euros(100), AT),
                new io.clearline.core.liquidity.api.RedemptionReservationRefusedEvent(ACCOUNT, "T-2", euros(100),
                        REASON, AT),
                new io.clearline.core.liquidity.api.DebitRedemptionCommand(ACCOUNT, "T-2", "tx-2"),
                new io.clearline.core.liquidity.api.LiquidityRedeemedEvent("T-2", BANK_A, euros(100), "tx-2", AT),
                new io.clearline.core.liquidity.api.ReleaseRedemptionCommand(ACCOUNT, "T-2"),
                new io.clearline.core.liquidity.api.RedemptionReservationReleasedEvent(ACCOUNT, "T-2", euros(100), AT),
                new io.clearline.core.ledger.api.CashRedemptionRequest("T-2", BANK_A, euros(100)));
        for (Object message : messages) {
            assertThat(roundTrip(message)).as(message.getClass().getSimpleName()).isEqualTo(message);
        }
    }

    /** A liquidity account's snapshot, with something in every part of the account's state. */
    @Test
    void aLiquidityAccountSnapshotRoundTrips() {
        GridlockLeg outgoing = new GridlockLeg(UETR_1, BANK_B, euros(100), PaymentPriority.NORMAL);
        GridlockLeg incoming = new GridlockLeg(io.clearline.core.TestData.UETR_3, BANK_B, euros(40), PaymentPriority.HIGH);
        LiquidityAccountMemento snapshot = new LiquidityAccountMemento(ACCOUNT, euros(1_000), euros(360),
                List.of(new LiquidityAccountMemento.ReservationInFlight(io.clearline.core.TestData.UETR_2, euros(200),
                                PaymentPriority.HIGH, BANK_B),
                        new LiquidityAccountMemento.ReservationInFlight(UETR_1, euros(1), PaymentPriority.NORMAL, null)),
                List.of(new LiquidityAccountMemento.RedemptionInFlight("T-2", euros(100))),
                List.of(new LiquidityAccountMemento.GridlockRunInFlight("lsm-1", List.of(outgoing), List.of(incoming),
                        List.of(new LiquidityAccountMemento.QueuePlaceKept(UETR_1, PaymentPriority.NORMAL, 7)), euros(60))),
                List.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e09", "redeem:T-1", "gridlock:lsm-0"),
                List.of("payment:6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e08", "pledge:T-0"),
                List.of(new LiquidityAccountMemento.Queued(io.clearline.core.TestData.UETR_3, euros(5_000),
                                PaymentPriority.URGENT, 3, false, BANK_B),
                        new LiquidityAccountMemento.Queued(UETR_1, euros(50), PaymentPriority.NORMAL, 8, true, null)),
                9, List.of(new LiquidityAccountMemento.CounterpartyLimit(BANK_B, euros(700))), euros(900),
                List.of(new LiquidityAccountMemento.CounterpartyOutflow(BANK_B, -40)), -40,
                List.of(new LiquidityAccountMemento.CounterpartyOutflow(BANK_B, 1)), 1,
                List.of(new LiquidityAccountMemento.PriorityReservation(PaymentPriority.URGENT, 250)),
                java.time.LocalDate.of(2026, 11, 24), true, "margin call");
        assertThat(roundTrip(snapshot)).isEqualTo(snapshot);
        LiquidityAccountMemento empty = new LiquidityAccountMemento(ACCOUNT, euros(0), euros(0), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), 0, List.of(), null, List.of(), 0, List.of(), 0, List.of(),
                null, false, null);
        assertThat(roundTrip(empty)).isEqualTo(empty);
    }

    @Test
    void aPaymentReceivedBeforePrioritiesExistedReadsAsNormal() {
        PaymentReceivedEvent current =
                new PaymentReceivedEvent(UETR_1, BANK_A, BANK_B, euros(100), REFERENCES, "digest", AT);
        String revisionOnePayload = serializer.serialize(current, String.class).getData()
                .replace(",\"priority\":\"NORMAL\"", "");
        assertThat(revisionOnePayload).doesNotContain("priority");
        Object read = serializer.deserialize(new SimpleSerializedObject<>(revisionOnePayload, String.class,
                new SimpleSerializedType(PaymentReceivedEvent.class.getName(), null)));
        assertThat(read).isEqualTo(current);
        assertThat(((PaymentReceivedEvent) read).priority()).isEqualTo(PaymentPriority.NORMAL);
    }

    @Test
    void liquidityEventsStoredBeforeLimitsExistedReadWithoutCounterparty() {
        assertRevisionOneReadsAs(new LiquidityReservedEvent(ACCOUNT, UETR_1, euros(100), AT),
                ",\"priority\":\"NORMAL\",\"payee\":null");
        assertRevisionOneReadsAs(
                new LiquidityReservationQueuedEvent(ACCOUNT, UETR_1, euros(100), PaymentPriority.HIGH, REASON, AT),
                ",\"payee\":null");
        assertRevisionOneReadsAs(new IncomingPaymentCreditedEvent(ACCOUNT, UETR_1, euros(100), AT), ",\"payer\":null");
    }

    private void assertRevisionOneReadsAs(Object current, String addedInRevisionTwo) {
        String currentPayload = serializer.serialize(current, String.class).getData();
        assertThat(currentPayload).contains(addedInRevisionTwo);
        String revisionOnePayload = currentPayload.replace(addedInRevisionTwo, "");
        Object read = serializer.deserialize(new SimpleSerializedObject<>(revisionOnePayload, String.class,
                new SimpleSerializedType(current.getClass().getName(), null)));
        assertThat(read).isEqualTo(current);
    }

    @Test
    void everyWarehouseEventAndCommandRoundTrips() {
        java.time.LocalDate monday = java.time.LocalDate.of(2026, 11, 23);
        Reason late = Reason.of(ReasonCode.TM01, "business day 2026-11-23 is past its cut-off");
        List<Object> messages = List.of(
                new io.clearline.core.businessday.api.SetAfterCutOffHandlingCommand(
                        io.clearline.core.businessday.api.AfterCutOffHandling.WAREHOUSE),
                new io.clearline.core.businessday.api.AfterCutOffHandlingSetEvent("network",
                        io.clearline.core.businessday.api.AfterCutOffHandling.WAREHOUSE, AT),
                new io.clearline.core.businessday.api.WarehousePaymentForNextDayCommand(UETR_1, BANK_A, true),
                new io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent("network", UETR_1, BANK_A,
                        monday, late, AT),
                new io.clearline.core.businessday.api.PaymentWarehousedForNextDayEvent("network", UETR_1, BANK_A,
                        null, late, AT),
                new io.clearline.core.businessday.api.TakeUpWarehousedPaymentsCommand(monday.plusDays(1)),
                new io.clearline.core.businessday.api.WarehousedPaymentTakenUpEvent("network", UETR_1,
                        monday.plusDays(1), AT),
                new io.clearline.core.businessday.api.WithdrawWarehousedPaymentCommand(UETR_1),
                new io.clearline.core.businessday.api.WarehousedPaymentWithdrawnEvent("network", UETR_1, AT),
                new io.clearline.core.payment.api.WarehousePaymentCommand(UETR_1, late),
                new io.clearline.core.payment.api.PaymentWarehousedEvent(UETR_1, BANK_A, BANK_B, euros(100),
                        REFERENCES, late, AT),
                new io.clearline.core.payment.api.TakeUpWarehousedPaymentCommand(UETR_1, monday.plusDays(1)),
                new io.clearline.core.payment.api.CancelWarehousedPaymentCommand(UETR_1, late),
                new io.clearline.core.payment.api.PaymentTakenUpEvent(UETR_1, monday.plusDays(1), AT));
        for (Object message : messages) {
            assertThat(roundTrip(message)).as(message.getClass().getSimpleName()).isEqualTo(message);
        }
    }

    @Test
    void aWarehousedPaymentSettlementSagaRoundTrips() throws Exception {
        PaymentSettlementSaga saga = new PaymentSettlementSaga();
        set(saga, Map.of("uetr", UETR_1, "payer", BANK_A, "payee", BANK_B, "amount", euros(100),
                "priority", PaymentPriority.NORMAL, "customerPayment", true, "warehoused", true));
        assertThat(roundTrip(saga)).usingRecursiveComparison().isEqualTo(saga);
    }

    @Test
    void thePaymentSettlementSagaRoundTripsWithoutItsResources() throws Exception {
        PaymentSettlementSaga saga = new PaymentSettlementSaga();
        set(saga, Map.of("uetr", UETR_1, "payer", BANK_A, "payee", BANK_B, "amount", euros(100),
                "liquidityReserved", true, "priority", PaymentPriority.HIGH, "queued", true, "ledgerPort", new StubLedgerPort()));
        assertThat(roundTrip(saga)).usingRecursiveComparison().ignoringFields("ledgerPort").isEqualTo(saga);
    }

    @Test
    void thePledgeSagaRoundTripsWithoutItsResources() throws Exception {
        LiquidityPledgeSaga saga = new LiquidityPledgeSaga();
        set(saga, Map.of("transferId", "T-1", "participant", BANK_A, "amount", euros(100)));
        assertThat(roundTrip(saga)).usingRecursiveComparison().isEqualTo(saga);
    }

    @Test
    void aRedemptionSagaRoundTripsWithItsDirection() throws Exception {
        LiquidityPledgeSaga saga = new LiquidityPledgeSaga();
        set(saga, Map.of("transferId", "T-2", "participant", BANK_A, "amount", euros(100), "redemption", true));
        assertThat(roundTrip(saga)).usingRecursiveComparison().isEqualTo(saga);
    }

    private static void set(Object target, Map<String, Object> values) throws ReflectiveOperationException {
        for (Map.Entry<String, Object> value : values.entrySet()) {
            Field field = target.getClass().getDeclaredField(value.getKey());
            field.setAccessible(true);
            field.set(target, value.getValue());
        }
    }
}
