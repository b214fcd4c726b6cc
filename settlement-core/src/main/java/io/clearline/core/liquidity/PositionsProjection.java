package io.clearline.core.liquidity;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.FindPositionAsOfQuery;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.GridlockReservationReleasedEvent;
import io.clearline.core.liquidity.api.GridlockReservedEvent;
import io.clearline.core.liquidity.api.GridlockSettledEvent;
import io.clearline.core.liquidity.api.HeldPaymentReleasedEvent;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationReleasedEvent;
import io.clearline.core.liquidity.api.RedemptionReservedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.QueueFrozenEvent;
import io.clearline.core.liquidity.api.QueueThawedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.QueuedPaymentReprioritisedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;

/**
 * Balance, reserved and available per participant and currency, in memory, rebuilt from the event
 * store at each start. Every event here comes from one LiquidityAccount aggregate, so an event whose
 * sequence number is not beyond the account's last applied one is a redelivery and is skipped.
 *
 * <p>Queued outgoing payments are answered apart, by {@link FindQueueQuery}, so {@link CurrencyPosition}
 * keeps the shape the adapters read; the queue keeps its own last sequence number per account (an
 * account that only ever queued has no position yet, as before).
 */
@ProcessingGroup(ProcessingGroups.POSITIONS_PROJECTION)
public class PositionsProjection {

    private record Position(Money balance, Money reserved, long lastSequenceNumber) {
        CurrencyPosition view() {
            return new CurrencyPosition(balance, reserved, balance.minus(reserved));
        }
    }

    /** One account's queue in arrival order; policy order is a stable sort by priority when asked. */
    private static final class AccountQueue {
        private long lastSequenceNumber = -1;
        private final Map<Uetr, QueuedPaymentView> payments = new LinkedHashMap<>();
        private boolean frozen;
        /** Payments a gridlock run took out of the queue, by run, until it settles them or gives them back. */
        private final Map<String, List<QueuedPaymentView>> inGridlockRuns = new HashMap<>();

        synchronized void takeIntoGridlock(long sequenceNumber, String runId, List<GridlockLeg> outgoing) {
            change(sequenceNumber, queued -> {
                List<QueuedPaymentView> taken = new ArrayList<>();
                outgoing.forEach(leg -> {
                    QueuedPaymentView view = queued.remove(leg.uetr());
                    if (view != null) {
                        taken.add(view);
                    }
                });
                inGridlockRuns.put(runId, taken);
            });
        }

        synchronized void settledInGridlock(long sequenceNumber, String runId) {
            change(sequenceNumber, queued -> inGridlockRuns.remove(runId));
        }

        /** Back in arrival order, as if never taken. */
        synchronized void givenBackByGridlock(long sequenceNumber, String runId) {
            change(sequenceNumber, queued -> {
                List<QueuedPaymentView> all = new ArrayList<>(queued.values());
                all.addAll(inGridlockRuns.getOrDefault(runId, List.of()));
                inGridlockRuns.remove(runId);
                all.sort(Comparator.comparing(QueuedPaymentView::queuedAt));
                queued.clear();
                all.forEach(view -> queued.put(view.uetr(), view));
            });
        }

        synchronized void change(long sequenceNumber, Consumer<Map<Uetr, QueuedPaymentView>> change) {
            if (sequenceNumber <= lastSequenceNumber) {
                return;
            }
            change.accept(payments);
            lastSequenceNumber = sequenceNumber;
        }

        synchronized void freeze(long sequenceNumber, boolean frozen) {
            change(sequenceNumber, queued -> this.frozen = frozen);
        }

        synchronized boolean frozen() {
            return frozen;
        }

        synchronized List<QueuedPaymentView> inPolicyOrder() {
            List<QueuedPaymentView> ordered = new ArrayList<>(payments.values());
            ordered.sort(Comparator.comparing(QueuedPaymentView::priority));
            return ordered;
        }
    }

    private final Map<Bic, Map<String, Position>> positions = new ConcurrentHashMap<>();
    /**
     * Changes kept per account for positions as of a past instant: a busy day of one bank's payments.
     * Beyond it the oldest go, and an instant before the oldest kept is refused rather than guessed.
     */
    public static final int HISTORY_PER_ACCOUNT_MAX = 200_000;
    private final Map<LiquidityAccountId, AccountHistory> history = new ConcurrentHashMap<>();

    /** An account's positions after each change, in the order applied, keyed by when the change happened. */
    private static final class AccountHistory {
        private final java.util.NavigableMap<Instant, Position> byTime = new java.util.TreeMap<>();
        private boolean trimmed;

        synchronized void record(Instant at, Position position) {
            // Several changes in one instant: the last applied wins, which is the position after all of them.
            byTime.put(at, position);
            if (byTime.size() > HISTORY_PER_ACCOUNT_MAX) {
                byTime.pollFirstEntry();
                trimmed = true;
            }
        }

        /** Null when nothing had changed by then; refuses an instant the trimmed history cannot answer. */
        synchronized Position asOf(Instant at) {
            if (trimmed && !byTime.isEmpty() && at.isBefore(byTime.firstKey())) {
                throw new IllegalArgumentException("positions are kept from " + byTime.firstKey() + ", not " + at);
            }
            java.util.Map.Entry<Instant, Position> entry = byTime.floorEntry(at);
            return entry == null ? null : entry.getValue();
        }
    }
    private final Map<LiquidityAccountId, AccountQueue> queues = new ConcurrentHashMap<>();

    @EventHandler
    void on(LiquidityPledgedEvent event, @SequenceNumber long sequenceNumber) {
        move(new LiquidityAccountId(event.participant(), event.amount().currency()), sequenceNumber,
                event.amount().minorUnits(), 0);
    }

    @EventHandler
    void on(RedemptionReservedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, event.amount().minorUnits());
    }

    @EventHandler
    void on(RedemptionReservationReleasedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, Math.negateExact(event.amount().minorUnits()));
    }

    @EventHandler
    void on(LiquidityRedeemedEvent event, @SequenceNumber long sequenceNumber) {
        long minorUnits = Math.negateExact(event.amount().minorUnits());
        move(new LiquidityAccountId(event.participant(), event.amount().currency()), sequenceNumber, minorUnits,
                minorUnits);
    }

    @EventHandler
    void on(IncomingPaymentCreditedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, event.amount().minorUnits(), 0);
    }

    @EventHandler
    void on(LiquidityReservedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, event.amount().minorUnits());
        AccountQueue queue = queues.get(event.accountId());
        if (queue != null) {
            queue.change(sequenceNumber, payments -> payments.remove(event.uetr()));
        }
    }

    @EventHandler
    void on(LiquidityReservationQueuedEvent event, @SequenceNumber long sequenceNumber) {
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue()).change(sequenceNumber,
                payments -> payments.put(event.uetr(), new QueuedPaymentView(
                        event.uetr(), event.amount(), event.priority(), false, event.queuedAt())));
    }

    @EventHandler
    void on(QueuedPaymentHeldEvent event, @SequenceNumber long sequenceNumber) {
        markHeld(event.accountId(), event.uetr(), true, sequenceNumber);
    }

    @EventHandler
    void on(HeldPaymentReleasedEvent event, @SequenceNumber long sequenceNumber) {
        markHeld(event.accountId(), event.uetr(), false, sequenceNumber);
    }

    @EventHandler
    void on(QueuedPaymentCancelledEvent event, @SequenceNumber long sequenceNumber) {
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue())
                .change(sequenceNumber, payments -> payments.remove(event.uetr()));
    }

    @EventHandler
    void on(QueueFrozenEvent event, @SequenceNumber long sequenceNumber) {
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue()).freeze(sequenceNumber, true);
    }

    @EventHandler
    void on(QueueThawedEvent event, @SequenceNumber long sequenceNumber) {
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue()).freeze(sequenceNumber, false);
    }

    @EventHandler
    void on(QueuedPaymentReprioritisedEvent event, @SequenceNumber long sequenceNumber) {
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue()).change(sequenceNumber, payments ->
                payments.computeIfPresent(event.uetr(), (key, old) ->
                        new QueuedPaymentView(old.uetr(), old.amount(), event.to(), old.held(), old.queuedAt())));
    }

    private void markHeld(LiquidityAccountId accountId, Uetr uetr, boolean held, long sequenceNumber) {
        queues.computeIfAbsent(accountId, id -> new AccountQueue()).change(sequenceNumber, payments ->
                payments.computeIfPresent(uetr, (key, old) ->
                        new QueuedPaymentView(old.uetr(), old.amount(), old.priority(), held, old.queuedAt())));
    }

    @EventHandler
    void on(LiquidityReservationReleasedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, Math.negateExact(event.amount().minorUnits()));
    }

    @EventHandler
    void on(ReservationDebitedEvent event, @SequenceNumber long sequenceNumber) {
        long minorUnits = Math.negateExact(event.amount().minorUnits());
        move(event.accountId(), sequenceNumber, minorUnits, minorUnits);
    }

    @EventHandler
    void on(GridlockReservedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, event.held().minorUnits());
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue())
                .takeIntoGridlock(sequenceNumber, event.runId(), event.outgoing());
    }

    @EventHandler
    void on(GridlockSettledEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber,
                Math.subtractExact(event.incoming().minorUnits(), event.outgoing().minorUnits()),
                Math.negateExact(event.held().minorUnits()));
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue())
                .settledInGridlock(sequenceNumber, event.runId());
    }

    @EventHandler
    void on(GridlockReservationReleasedEvent event, @SequenceNumber long sequenceNumber) {
        move(event.accountId(), sequenceNumber, 0, Math.negateExact(event.held().minorUnits()));
        queues.computeIfAbsent(event.accountId(), id -> new AccountQueue())
                .givenBackByGridlock(sequenceNumber, event.runId());
    }

    private void move(LiquidityAccountId accountId, long sequenceNumber, long balanceChange, long reservedChange) {
        String currency = accountId.currency();
        Position moved = positions.computeIfAbsent(accountId.bic(), bic -> new ConcurrentHashMap<>())
                .compute(currency, (key, old) -> {
                    Position current = old != null ? old : new Position(Money.zero(currency), Money.zero(currency), -1);
                    if (sequenceNumber <= current.lastSequenceNumber()) {
                        return current;
                    }
                    return new Position(
                            Money.of(Math.addExact(current.balance().minorUnits(), balanceChange), currency),
                            Money.of(Math.addExact(current.reserved().minorUnits(), reservedChange), currency),
                            sequenceNumber);
                });
        if (moved.lastSequenceNumber() == sequenceNumber) {
            history.computeIfAbsent(accountId, id -> new AccountHistory()).record(eventTime(), moved);
        }
    }

    /** When the event being handled happened: the projection replays history, so never "now". */
    private static Instant eventTime() {
        if (CurrentUnitOfWork.isStarted()
                && CurrentUnitOfWork.get().getMessage() instanceof EventMessage<?> event) {
            return event.getTimestamp();
        }
        return GenericEventMessage.clock.instant();
    }

    @QueryHandler
    PositionView handle(FindPositionAsOfQuery query) {
        List<CurrencyPosition> currencies = new ArrayList<>();
        history.entrySet().stream()
                .filter(entry -> entry.getKey().bic().equals(query.bic()))
                .sorted(Comparator.comparing(entry -> entry.getKey().currency()))
                .forEach(entry -> {
                    Position then = entry.getValue().asOf(query.asOf());
                    if (then != null) {
                        currencies.add(then.view());
                    }
                });
        return new PositionView(query.bic(), currencies);
    }

    @QueryHandler
    PositionView handle(FindPositionQuery query) {
        Map<String, Position> byCurrency = positions.getOrDefault(query.bic(), Map.of());
        List<CurrencyPosition> currencies = byCurrency.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .map(entry -> entry.getValue().view())
                .toList();
        return new PositionView(query.bic(), currencies);
    }

    @QueryHandler
    QueueView handle(FindQueueQuery query) {
        List<QueuedPaymentView> payments = new ArrayList<>();
        queues.entrySet().stream()
                .filter(entry -> entry.getKey().bic().equals(query.bic()))
                .sorted(Comparator.comparing(entry -> entry.getKey().currency()))
                .forEach(entry -> payments.addAll(entry.getValue().inPolicyOrder()));
        Set<String> frozen = new TreeSet<>();
        queues.forEach((account, queue) -> {
            if (account.bic().equals(query.bic()) && queue.frozen()) {
                frozen.add(account.currency());
            }
        });
        return new QueueView(query.bic(), payments, frozen);
    }

    @ResetHandler
    void reset() {
        history.clear();
        queues.clear();
        positions.clear();
    }
}
