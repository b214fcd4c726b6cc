package io.clearline.core.liquidity;

import static io.clearline.core.TestData.BANK_A;
import static io.clearline.core.TestData.BANK_B;
import static io.clearline.core.TestData.BANK_C;
import static io.clearline.core.TestData.euros;
import static org.assertj.core.api.Assertions.assertThat;

import io.clearline.core.JacksonRoundTripTest;
import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.DebitRedemptionCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.EvaluatePaymentCommand;
import io.clearline.core.liquidity.api.FreezeQueueCommand;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.liquidity.api.ReleaseGridlockCommand;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.liquidity.api.ReleaseRedemptionCommand;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.RemoveBilateralLimitCommand;
import io.clearline.core.liquidity.api.RemoveMultilateralLimitCommand;
import io.clearline.core.liquidity.api.ReprioritiseQueuedPaymentCommand;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.liquidity.api.ReserveRedemptionCommand;
import io.clearline.core.liquidity.api.SetBilateralLimitCommand;
import io.clearline.core.liquidity.api.SetFifoBypassCommand;
import io.clearline.core.liquidity.api.SetMultilateralLimitCommand;
import io.clearline.core.liquidity.api.SetPriorityReservationCommand;
import io.clearline.core.liquidity.api.SettleGridlockCommand;
import io.clearline.core.liquidity.api.StartBusinessDayCommand;
import io.clearline.core.liquidity.api.ThawQueueCommand;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;

/**
 * Snapshots change nothing an account decides: over random command sequences, an account read from its
 * latest snapshot and the events since (no cache, so every command reads it again) answers, applies and
 * refuses exactly as one read from its first event, and its snapshot reads back through the node's
 * Jackson configuration as it was written.
 */
class LiquidityAccountSnapshotPropertiesTest {
    private static final LiquidityAccountId ACCOUNT = new LiquidityAccountId(BANK_A, "EUR");
    private static final int TRIES = 150;
    private static final int STEPS_MAX = 60;
    private static final int UETRS = 6;
    private static final int TRANSFERS = 3;
    private static final int GRIDLOCK_RUNS = 3;
    private static final Instant AT = Instant.parse("2026-11-24T09:00:00Z");

    private Clock clockBefore;

    @BeforeProperty
    void fixTheClock() {
        // Events carry the time they were applied at; both accounts must see the same one.
        clockBefore = GenericEventMessage.clock;
        GenericEventMessage.clock = Clock.fixed(AT, ZoneOffset.UTC);
    }

    @AfterProperty
    void restoreTheClock() {
        GenericEventMessage.clock = clockBefore;
    }

    @Property(tries = TRIES)
    void anAccountReadFromASnapshotDecidesAsOneReadFromItsFirstEvent(
            @ForAll("steps") List<Object> steps, @ForAll @IntRange(min = 1, max = 5) int eventsBetweenSnapshots) {
        try (AccountNode replayed = AccountNode.start(0);
             AccountNode snapshotted = AccountNode.start(eventsBetweenSnapshots)) {
            for (Object step : steps) {
                Object command = step instanceof ReserveQueuedForGridlock gridlock ? gridlock.command(replayed) : step;
                Outcome expected = replayed.send(command);
                assertThat(snapshotted.send(command)).as("%s", command).isEqualTo(expected);
            }
            for (PaymentPriority priority : PaymentPriority.values()) {
                Object evaluation = new EvaluatePaymentCommand(ACCOUNT, euros(100), priority, BANK_B);
                assertThat(snapshotted.send(evaluation)).isEqualTo(replayed.send(evaluation));
            }
            if (replayed.eventsPublished() > 2L * eventsBetweenSnapshots + 2) {
                LiquidityAccountMemento snapshot = snapshotted.latestSnapshot().orElseThrow(
                        () -> new AssertionError("no snapshot after " + replayed.eventsPublished() + " events"));
                assertThat(roundTrip(snapshot)).isEqualTo(snapshot);
            }
        }
    }

    private static Object roundTrip(Object value) {
        JacksonSerializer serializer =
                JacksonSerializer.builder().objectMapper(JacksonRoundTripTest.nodeObjectMapper()).build();
        SerializedObject<String> serialized = serializer.serialize(value, String.class);
        return serializer.deserialize(serialized);
    }

    @Provide
    Arbitrary<List<Object>> steps() {
        Arbitrary<Uetr> uetrs = Arbitraries.integers().between(1, UETRS).map(LiquidityAccountSnapshotPropertiesTest::uetr);
        Arbitrary<Long> amounts = Arbitraries.longs().between(1, 500);
        Arbitrary<PaymentPriority> priorities = Arbitraries.of(PaymentPriority.class);
        Arbitrary<Bic> counterparties = Arbitraries.of(BANK_B, BANK_C);
        Arbitrary<String> transfers = Arbitraries.integers().between(1, TRANSFERS).map(n -> "T-" + n);
        Arbitrary<String> runs = Arbitraries.integers().between(1, GRIDLOCK_RUNS).map(n -> "lsm-" + n);
        Reason cancelled = Reason.of(ReasonCode.NARR, "cancelled by the operator");
        Arbitrary<Object> money = Arbitraries.oneOf(
                Combinators.combine(transfers, amounts).as((transfer, amount) ->
                        new CreditPledgeCommand(ACCOUNT, transfer, euros(amount * 2), "tx-" + transfer)),
                Combinators.combine(uetrs, amounts, priorities, counterparties).as((uetr, amount, priority, payee) ->
                        new ReserveLiquidityCommand(ACCOUNT, uetr, euros(amount), priority, payee)),
                Combinators.combine(uetrs, amounts, priorities, counterparties).as((uetr, amount, priority, payee) ->
                        new ReserveLiquidityCommand(ACCOUNT, uetr, euros(amount), priority, payee)),
                uetrs.map(uetr -> new DebitReservationCommand(ACCOUNT, uetr)),
                uetrs.map(uetr -> new ReleaseReservationCommand(ACCOUNT, uetr)),
                Combinators.combine(Arbitraries.integers().between(1, UETRS), amounts, counterparties)
                        .as((n, amount, payer) -> new CreditIncomingPaymentCommand(ACCOUNT, incomingUetr(n),
                                euros(amount), payer)));
        Arbitrary<Object> queue = Arbitraries.oneOf(
                uetrs.map(uetr -> new HoldQueuedPaymentCommand(ACCOUNT, uetr)),
                uetrs.map(uetr -> new ReleaseHeldPaymentCommand(ACCOUNT, uetr)),
                Combinators.combine(uetrs, priorities).as((uetr, priority) ->
                        new ReprioritiseQueuedPaymentCommand(ACCOUNT, uetr, priority)),
                uetrs.map(uetr -> new CancelQueuedPaymentCommand(ACCOUNT, uetr, cancelled)),
                Arbitraries.of(true, false).map(enabled -> new SetFifoBypassCommand(ACCOUNT, enabled)),
                Arbitraries.just(new FreezeQueueCommand(ACCOUNT, "margin call")),
                Arbitraries.just(new ThawQueueCommand(ACCOUNT)));
        Arbitrary<Object> limits = Arbitraries.oneOf(
                Combinators.combine(counterparties, amounts).as((payee, limit) ->
                        new SetBilateralLimitCommand(ACCOUNT, payee, euros(limit))),
                counterparties.map(payee -> new RemoveBilateralLimitCommand(ACCOUNT, payee)),
                amounts.map(limit -> new SetMultilateralLimitCommand(ACCOUNT, euros(limit))),
                Arbitraries.just(new RemoveMultilateralLimitCommand(ACCOUNT)),
                Combinators.combine(Arbitraries.of(PaymentPriority.URGENT, PaymentPriority.HIGH),
                                Arbitraries.longs().between(0, 200))
                        .as((priority, amount) -> new SetPriorityReservationCommand(ACCOUNT, priority, euros(amount))),
                Arbitraries.integers().between(0, 3).map(days ->
                        new StartBusinessDayCommand(ACCOUNT, LocalDate.of(2026, 11, 23).plusDays(days))));
        Arbitrary<Object> redemptionsAndGridlock = Arbitraries.oneOf(
                Combinators.combine(transfers, amounts).as((transfer, amount) ->
                        new ReserveRedemptionCommand(ACCOUNT, "R" + transfer, euros(amount))),
                transfers.map(transfer -> new DebitRedemptionCommand(ACCOUNT, "R" + transfer, "tx-R" + transfer)),
                transfers.map(transfer -> new ReleaseRedemptionCommand(ACCOUNT, "R" + transfer)),
                Combinators.combine(runs, Arbitraries.integers().between(1, 3), Arbitraries.longs().between(0, 300),
                        counterparties).as(ReserveQueuedForGridlock::new),
                runs.map(run -> new SettleGridlockCommand(ACCOUNT, run, "tx-" + run)),
                runs.map(run -> new ReleaseGridlockCommand(ACCOUNT, run)),
                Arbitraries.just(new ReadGridlockViewCommand(ACCOUNT)));
        return Arbitraries.frequencyOf(
                        Tuple.of(5, money), Tuple.of(2, queue),
                        Tuple.of(2, limits), Tuple.of(2, redemptionsAndGridlock))
                .list().ofMinSize(1).ofMaxSize(STEPS_MAX);
    }

    private static Uetr uetr(int n) {
        return Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c1e0" + n);
    }

    private static Uetr incomingUetr(int n) {
        return Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c2e0" + n);
    }

    /**
     * A gridlock run's part for this account, built at the moment it is sent from what the account has
     * queued then (the first {@code legsMax} payments, held ones included, so that some reservations fail),
     * with one incoming leg when {@code incomingMinorUnits} is positive.
     */
    record ReserveQueuedForGridlock(String runId, int legsMax, long incomingMinorUnits, Bic from) {
        ReserveForGridlockCommand command(AccountNode reference) {
            Outcome view = reference.send(new ReadGridlockViewCommand(ACCOUNT));
            List<GridlockLeg> outgoing = new ArrayList<>();
            if (view.result() instanceof AccountGridlockView gridlockView) {
                for (QueuedPayment queued : gridlockView.queue()) {
                    if (outgoing.size() < legsMax) {
                        outgoing.add(new GridlockLeg(queued.uetr(), queued.payee(), euros(queued.amountMinorUnits()),
                                queued.priority()));
                    }
                }
            }
            List<GridlockLeg> incoming = incomingMinorUnits == 0 ? List.of()
                    : List.of(new GridlockLeg(Uetr.of("6f1d8c52-8a4b-4c6e-9f7a-0d6a3b2c3e0" + runId.charAt(runId.length() - 1)), from, euros(incomingMinorUnits),
                            PaymentPriority.NORMAL));
            return new ReserveForGridlockCommand(ACCOUNT, runId, outgoing, incoming);
        }
    }

    /** What a command did: its result or its failure, and the events it applied. */
    record Outcome(Object result, String failure, List<Object> events) {
    }

    /** One in-memory Axon node with only the liquidity account, no cache, snapshots if asked for. */
    static final class AccountNode implements AutoCloseable {
        private final InMemoryEventStorageEngine storage = new InMemoryEventStorageEngine();
        private final List<Object> published = Collections.synchronizedList(new ArrayList<>());
        private final Configuration configuration;

        private AccountNode(int eventsBetweenSnapshots) {
            AggregateConfigurer<LiquidityAccount> account = AggregateConfigurer.defaultConfiguration(LiquidityAccount.class);
            if (eventsBetweenSnapshots > 0) {
                account.configureSnapshotTrigger(
                        configuration -> LiquidityAccountSnapshotter.trigger(configuration, eventsBetweenSnapshots));
            }
            configuration = DefaultConfigurer.defaultConfiguration()
                    .configureEmbeddedEventStore(configuration -> storage)
                    .configureAggregate(account)
                    .buildConfiguration();
            configuration.start();
            configuration.eventStore().subscribe(messages ->
                    messages.forEach(message -> published.add(message.getPayload())));
        }

        static AccountNode start(int eventsBetweenSnapshots) {
            return new AccountNode(eventsBetweenSnapshots);
        }

        Outcome send(Object command) {
            int before = published.size();
            Object result = null;
            String failure = null;
            try {
                result = configuration.commandGateway().sendAndWait(command);
            } catch (RuntimeException refused) {
                failure = refused.getClass().getSimpleName() + ": " + refused.getMessage();
            }
            return new Outcome(result, failure, List.copyOf(published.subList(before, published.size())));
        }

        int eventsPublished() {
            return published.size();
        }

        Optional<LiquidityAccountMemento> latestSnapshot() {
            return storage.readSnapshot(ACCOUNT.toString())
                    .map(DomainEventMessage::getPayload)
                    .map(LiquidityAccountMemento.class::cast);
        }

        @Override
        public void close() {
            configuration.shutdown();
        }
    }
}
