package io.clearline.core.liquidity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.BilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.BilateralLimitSetEvent;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.CreditIncomingPaymentCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.DebitRedemptionCommand;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationRefusedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationReleasedEvent;
import io.clearline.core.liquidity.api.RedemptionReservedEvent;
import io.clearline.core.liquidity.api.ReleaseRedemptionCommand;
import io.clearline.core.liquidity.api.ReserveRedemptionCommand;
import io.clearline.core.liquidity.api.DebitReservationCommand;
import io.clearline.core.liquidity.api.HeldPaymentReleasedEvent;
import io.clearline.core.liquidity.api.HoldQueuedPaymentCommand;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationRefusedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitSetEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.AccountBusinessDayStartedEvent;
import io.clearline.core.liquidity.api.EvaluatePaymentCommand;
import io.clearline.core.liquidity.api.FifoBypassSetEvent;
import io.clearline.core.liquidity.api.PaymentEvaluation;
import io.clearline.core.liquidity.api.FreezeQueueCommand;
import io.clearline.core.liquidity.api.SetFifoBypassCommand;
import io.clearline.core.liquidity.api.PriorityReservationSetEvent;
import io.clearline.core.liquidity.api.SetPriorityReservationCommand;
import io.clearline.core.liquidity.api.StartBusinessDayCommand;
import io.clearline.core.liquidity.api.QueueFrozenEvent;
import io.clearline.core.liquidity.api.QueueThawedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.ThawQueueCommand;
import io.clearline.core.liquidity.api.QueuedPaymentReprioritisedEvent;
import io.clearline.core.liquidity.api.ReprioritiseQueuedPaymentCommand;
import io.clearline.core.liquidity.api.ReleaseHeldPaymentCommand;
import io.clearline.core.liquidity.api.ReleaseReservationCommand;
import io.clearline.core.liquidity.api.RemoveBilateralLimitCommand;
import io.clearline.core.liquidity.api.RemoveMultilateralLimitCommand;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import io.clearline.core.liquidity.api.ReserveLiquidityCommand;
import io.clearline.core.liquidity.api.SetBilateralLimitCommand;
import io.clearline.core.liquidity.api.SetMultilateralLimitCommand;
import io.clearline.core.liquidity.api.GridlockReservationReleasedEvent;
import io.clearline.core.liquidity.api.GridlockReservedEvent;
import io.clearline.core.liquidity.api.GridlockSettledEvent;
import io.clearline.core.liquidity.api.ReadGridlockViewCommand;
import io.clearline.core.liquidity.api.ReleaseGridlockCommand;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.liquidity.api.SettleGridlockCommand;
import io.clearline.core.lsm.api.AccountGridlockView;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.ParticipantLiquidity;
import io.clearline.core.lsm.api.PaymentPriority;
import io.clearline.core.lsm.api.QueuedPayment;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A participant's liquidity in one currency: {@code available = balance - reserved}.
 *
 * <p>Every command is idempotent on its key so a redelivered command never moves money twice:
 * <ul>
 *   <li>reservations in flight are all kept, by UETR (they are what {@code reserved} is made of);</li>
 *   <li>closed reservations (debited, released, refused) and credited keys (incoming UETRs, pledge
 *   transfer ids) are kept for the last {@link #RECENT_KEYS_MAX} of each. That bound is safe because
 *   the sagas send each money movement once per step, after the step's own event was stored; a
 *   duplicate can only come from a command redelivery, which happens within seconds, long before
 *   ten thousand other movements reach the same account. Beyond that, the payment and transfer
 *   aggregates themselves refuse to settle or complete twice.</li>
 * </ul>
 *
 * <p>The queue (DESIGN.md, "The life of a payment", step 4): a payment is reserved at once only when
 * it is covered and no earlier payment of the same or higher priority waits; otherwise it queues,
 * in policy order: urgent, high, normal, and arrival order inside a priority. Every credit, pledge,
 * released reservation, hold, release, reprioritisation or cancellation re-examines the queue at once
 * and reserves queued payments in that order while they are covered, stopping at the first one that is not
 * (everything after it has the same or lower priority and would wait behind it anyway). A held
 * payment keeps its place but is skipped: it neither settles nor blocks the payments behind it.
 * A released payment is reserved with the same {@link LiquidityReservedEvent} as one covered at
 * once, so it settles through the same saga path.
 *
 * <p>Limits (as in {@link io.clearline.core.lsm.api.ParticipantLiquidity}): a NORMAL payment is admitted
 * only when settling it keeps the net outflow towards its payee within the bilateral limit towards that
 * payee, if one is set, and the total net outflow within the multilateral limit, if one is set; HIGH and
 * URGENT payments ignore limits. Net outflow is settled NORMAL payments out minus settled payments in
 * (of any priority, since a credit does not carry one), plus NORMAL reservations in flight: those will
 * settle unless rejected, and counting them stops two payments that each fit from exceeding a limit
 * together. A payment that would exceed a limit queues (NARR, naming the limit) and, like one short of
 * liquidity, blocks the NORMAL payments behind it (FIFO); an incoming payment, a removed or raised limit
 * re-examines the queue. The use of limits counts one business day: it starts again at zero when the
 * account starts the next day (StartBusinessDayCommand). Liquidity may be kept for HIGH and URGENT
 * payments (SetPriorityReservationCommand): a payment may use only what is not kept for the priorities
 * above its own, in the queue and in gridlock runs alike. With FIFO bypass on (SetFifoBypassCommand),
 * a covered payment settles past earlier ones that cannot. A frozen queue (its participant is suspended)
 * reserves nothing and takes every new payment into the queue until it is thawed.
 */
public class LiquidityAccount {

    /** How many closed reservations and how many credited keys each account remembers. */
    static final int RECENT_KEYS_MAX = 10_000;

    /**
     * Payments one account may hold in its queue, held ones included; beyond it a payment is refused
     * with AM04 rather than queued, so a runaway sender cannot grow an account without bound.
     */
    public static final int QUEUE_LENGTH_MAX = 100_000;

    /** A place in the queue: policy order is priority first, then arrival. */
    private record QueuePlace(PaymentPriority priority, long arrival) {
        static final Comparator<QueuePlace> POLICY_ORDER =
                Comparator.comparing(QueuePlace::priority).thenComparingLong(QueuePlace::arrival);
    }

    /** {@code payee} is null only for payments recorded before limits existed. */
    private record QueueEntry(Uetr uetr, Money amount, QueuePlace place, boolean held, Bic payee) {
    }

    /** What a reservation in flight holds, and what it counts against the limits once it settles. */
    private record Reservation(Money amount, PaymentPriority priority, Bic payee) {
    }

    /**
     * A gridlock run's hold on this account: its outgoing payments left the queue (their places are
     * kept, to return to them if the run does not settle) and {@code held} is part of {@code reserved}.
     */
    private record GridlockHold(List<GridlockLeg> outgoing, List<GridlockLeg> incoming, Map<Uetr, QueuePlace> places,
                                Money held) {
    }

    @AggregateIdentifier
    private LiquidityAccountId accountId;
    private Money balance;
    private Money reserved;
    private final Map<Uetr, Reservation> reservationsInFlight = new LinkedHashMap<>();
    /**
     * Redemptions reserved and not yet debited or released, by transfer id; part of {@code reserved}.
     * Bounded by the operator's redemptions in flight, each one closed by its saga.
     */
    private final Map<String, Money> redemptionsInFlight = new LinkedHashMap<>();
    /** Gridlock runs reserved and not yet settled or released; one run at a time per node, so tiny. */
    private final Map<String, GridlockHold> gridlockRunsInFlight = new LinkedHashMap<>();
    private final RecentKeys closedReservations = new RecentKeys(RECENT_KEYS_MAX);
    private final RecentKeys creditedKeys = new RecentKeys(RECENT_KEYS_MAX);
    private final TreeMap<QueuePlace, QueueEntry> queue = new TreeMap<>(QueuePlace.POLICY_ORDER);
    private final Map<Uetr, QueuePlace> queuePlaces = new HashMap<>();
    /** Queued payments not held, by priority: what a new payment of that priority or lower waits behind. */
    private final int[] waitingByPriority = new int[PaymentPriority.values().length];
    private long arrivals;
    /** One entry per counterparty at most, so bounded by the number of participants. */
    private final Map<Bic, Money> bilateralLimits = new HashMap<>();
    /** Null when no multilateral limit is set. */
    private Money multilateralLimit;
    /** Minor units, negative when more came in than went out; per counterparty, bounded as above. */
    private final Map<Bic, Long> settledNetOutflowByCounterparty = new HashMap<>();
    private long settledNetOutflowTotal;
    private final Map<Bic, Long> reservedNormalOutflowByCounterparty = new HashMap<>();
    private long reservedNormalOutflowTotal;
    /** Liquidity kept for HIGH and URGENT payments, in minor units; absent means none. */
    private final Map<PaymentPriority, Long> priorityReservations = new HashMap<>();
    /** The business day the limits' use counts for; null before the first one the account started. */
    private java.time.LocalDate businessDate;
    /** FIFO bypass: covered payments settle past earlier ones that cannot (T2's bypass FIFO). */
    private boolean fifoBypass;
    /** Why the queue is frozen (its participant is suspended); null while it is not. */
    private String frozenBecause;

    protected LiquidityAccount() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReserveLiquidityCommand command) {
        requireCurrency(command.accountId(), command.amount());
        Uetr uetr = command.uetr();
        if (reservationsInFlight.containsKey(uetr) || queuePlaces.containsKey(uetr)
                || closedReservations.contains(uetr.value())) {
            return;
        }
        PaymentEvaluation decision = evaluate(command.amount(), command.priority(), command.payee());
        switch (decision.outcome()) {
            case SETTLES_NOW -> apply(new LiquidityReservedEvent(command.accountId(), uetr, command.amount(), now(),
                    command.priority(), command.payee()));
            case REFUSED -> apply(new LiquidityReservationRefusedEvent(command.accountId(), uetr, command.amount(),
                    decision.reason(), now()));
            case QUEUES -> apply(new LiquidityReservationQueuedEvent(command.accountId(), uetr, command.amount(),
                    command.priority(), decision.reason(), now(), command.payee()));
        }
    }

    /** The what-if: the same decision as a reservation, and no event. */
    @CommandHandler
    PaymentEvaluation handle(EvaluatePaymentCommand command) {
        requireCurrency(command.accountId(), command.amount());
        return evaluate(command.amount(), command.priority(), command.payee());
    }

    /**
     * Settle now when nothing of the same or higher priority waits (or FIFO bypass is on), the liquidity
     * its priority may use covers it, it keeps within the limits and the queue is not frozen; otherwise
     * queue it with the first reason that holds, or refuse it (AM04) when the queue is full.
     */
    private PaymentEvaluation evaluate(Money amount, PaymentPriority priority, Bic payee) {
        String currency = amount.currency();
        int waitingAhead = fifoBypass ? 0 : waitingAtOrAbove(priority);
        Money available = availableFor(priority, currency);
        Reason limitExceeded = limitExceededBy(priority, payee, amount);
        if (frozenBecause == null && waitingAhead == 0 && available.covers(amount) && limitExceeded == null) {
            return new PaymentEvaluation(PaymentEvaluation.Outcome.SETTLES_NOW, null, available);
        }
        if (queuePlaces.size() >= QUEUE_LENGTH_MAX) {
            return new PaymentEvaluation(PaymentEvaluation.Outcome.REFUSED, Reason.of(ReasonCode.AM04, "the queue of "
                    + accountId + " already holds " + QUEUE_LENGTH_MAX + " payments, its maximum, and available"
                    + " liquidity does not settle this one at once"), available);
        }
        Reason reason;
        if (frozenBecause != null) {
            reason = Reason.of(ReasonCode.NARR, "the queue of " + accountId + " is frozen: " + frozenBecause);
        } else if (waitingAhead > 0) {
            reason = Reason.of(ReasonCode.NARR, waitingAhead + " earlier queued payments of priority "
                    + priority + " or higher wait before it (FIFO)");
        } else if (!available.covers(amount)) {
            reason = Reason.of(ReasonCode.AM04, "available liquidity " + available.minorUnits()
                    + (available.equals(available(currency)) ? "" : " (after what is kept for higher priorities)")
                    + " does not cover " + amount.minorUnits() + " " + currency);
        } else {
            reason = limitExceeded;
        }
        return new PaymentEvaluation(PaymentEvaluation.Outcome.QUEUES, reason, available);
    }

    @CommandHandler
    void handle(HoldQueuedPaymentCommand command) {
        QueueEntry queued = requireQueued(command.uetr(), "hold");
        if (queued.held()) {
            return;
        }
        apply(new QueuedPaymentHeldEvent(accountId, command.uetr(), now()));
        // The held payment may have been the one blocking those behind it.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetPriorityReservationCommand command) {
        requireCurrency(command.accountId(), command.amount());
        if (command.amount().minorUnits() == priorityReservations.getOrDefault(command.priority(), 0L)) {
            return;
        }
        apply(new PriorityReservationSetEvent(command.accountId(), command.priority(), command.amount(), now()));
        // A smaller reservation frees liquidity for the payments below it.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetFifoBypassCommand command) {
        if (command.enabled() == fifoBypass) {
            return;
        }
        apply(new FifoBypassSetEvent(command.accountId(), command.enabled(), now()));
        // Switched on, the covered payments that waited behind an uncovered one go now.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(StartBusinessDayCommand command) {
        if (businessDate != null && !command.date().isAfter(businessDate)) {
            return;
        }
        apply(new AccountBusinessDayStartedEvent(accountId, command.date(), now()));
        // Limits used up yesterday are free again: a payment queued behind one may go.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(FreezeQueueCommand command) {
        if (frozenBecause != null) {
            return;
        }
        apply(new QueueFrozenEvent(accountId, command.reason(), now()));
    }

    @CommandHandler
    void handle(ThawQueueCommand command) {
        if (frozenBecause == null) {
            return;
        }
        apply(new QueueThawedEvent(accountId, now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(ReprioritiseQueuedPaymentCommand command) {
        QueueEntry queued = requireQueued(command.uetr(), "reprioritise");
        if (queued.place().priority() == command.priority()) {
            return;
        }
        apply(new QueuedPaymentReprioritisedEvent(accountId, command.uetr(), queued.place().priority(),
                command.priority(), now()));
        // Raised, it may now be first and covered; lowered, it may have been what blocked the others.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(ReleaseHeldPaymentCommand command) {
        QueueEntry queued = requireQueued(command.uetr(), "release from hold");
        if (!queued.held()) {
            return;
        }
        apply(new HeldPaymentReleasedEvent(accountId, command.uetr(), now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(CancelQueuedPaymentCommand command) {
        if (!queuePlaces.containsKey(command.uetr()) && !reservationsInFlight.containsKey(command.uetr())
                && closedReservations.contains(command.uetr().value())) {
            return;
        }
        QueueEntry queued = requireQueued(command.uetr(), "cancel");
        apply(new QueuedPaymentCancelledEvent(accountId, command.uetr(), queued.amount(), command.reason(), now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(ReleaseReservationCommand command) {
        QueuePlace place = queuePlaces.get(command.uetr());
        if (place != null) {
            // The payment was rejected while it waited: it gives back its place, which is all it held.
            apply(new QueuedPaymentCancelledEvent(accountId, command.uetr(), queue.get(place).amount(),
                    Reason.of(ReasonCode.NARR, "the payment was rejected while it was queued"), now()));
            reserveCoveredQueuedPayments();
            return;
        }
        Reservation reservation = reservationsInFlight.get(command.uetr());
        if (reservation == null) {
            return;
        }
        apply(new LiquidityReservationReleasedEvent(accountId, command.uetr(), reservation.amount(), now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(DebitReservationCommand command) {
        Reservation reservation = reservationsInFlight.get(command.uetr());
        if (reservation == null) {
            if (closedReservations.contains(command.uetr().value())) {
                return;
            }
            throw new IllegalStateException("no reservation for " + command.uetr() + " on " + accountId);
        }
        apply(new ReservationDebitedEvent(accountId, command.uetr(), reservation.amount(), now()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreditIncomingPaymentCommand command) {
        requireCurrency(command.accountId(), command.amount());
        if (creditedKeys.contains(incomingKey(command.uetr()))) {
            return;
        }
        apply(new IncomingPaymentCreditedEvent(command.accountId(), command.uetr(), command.amount(), now(),
                command.payer()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(CreditPledgeCommand command) {
        requireCurrency(command.accountId(), command.amount());
        if (creditedKeys.contains(pledgeKey(command.transferId()))) {
            return;
        }
        apply(new LiquidityPledgedEvent(command.transferId(), command.accountId().bic(), command.amount(),
                command.ledgerTransactionId(), now()));
        reserveCoveredQueuedPayments();
    }

    /**
     * A redemption takes available liquidity at once or not at all: it never queues, since the operator
     * asked to take out what is there now, and a queued redemption would block payments behind it.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(ReserveRedemptionCommand command) {
        requireCurrency(command.accountId(), command.amount());
        String key = redemptionKey(command.transferId());
        if (redemptionsInFlight.containsKey(command.transferId()) || closedReservations.contains(key)) {
            return;
        }
        Money available = available(command.amount().currency());
        if (available.covers(command.amount())) {
            apply(new RedemptionReservedEvent(command.accountId(), command.transferId(), command.amount(), now()));
        } else {
            apply(new RedemptionReservationRefusedEvent(command.accountId(), command.transferId(), command.amount(),
                    Reason.of(ReasonCode.AM04, "available liquidity " + available.minorUnits() + " does not cover"
                            + " the redemption of " + command.amount().minorUnits() + " " + command.amount().currency()),
                    now()));
        }
    }

    @CommandHandler
    void handle(DebitRedemptionCommand command) {
        Money amount = redemptionsInFlight.get(command.transferId());
        if (amount == null) {
            if (closedReservations.contains(redemptionKey(command.transferId()))) {
                return;
            }
            throw new IllegalStateException("no redemption " + command.transferId() + " reserved on " + accountId);
        }
        apply(new LiquidityRedeemedEvent(command.transferId(), accountId.bic(), amount, command.ledgerTransactionId(),
                now()));
    }

    @CommandHandler
    void handle(ReleaseRedemptionCommand command) {
        Money amount = redemptionsInFlight.get(command.transferId());
        if (amount == null) {
            return;
        }
        apply(new RedemptionReservationReleasedEvent(accountId, command.transferId(), amount, now()));
        // What the redemption held may cover the first queued payment.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetBilateralLimitCommand command) {
        requireCurrency(command.accountId(), command.limit());
        if (command.counterparty().equals(command.accountId().bic())) {
            throw new IllegalArgumentException("a bilateral limit is towards another participant, not "
                    + command.counterparty() + " itself");
        }
        if (command.limit().equals(bilateralLimits.get(command.counterparty()))) {
            return;
        }
        apply(new BilateralLimitSetEvent(command.accountId(), command.counterparty(), command.limit(), now()));
        // A raised limit may let the first queued payment through.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(RemoveBilateralLimitCommand command) {
        if (!bilateralLimits.containsKey(command.counterparty())) {
            return;
        }
        apply(new BilateralLimitRemovedEvent(accountId, command.counterparty(), now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(SetMultilateralLimitCommand command) {
        requireCurrency(command.accountId(), command.limit());
        if (command.limit().equals(multilateralLimit)) {
            return;
        }
        apply(new MultilateralLimitSetEvent(command.accountId(), command.limit(), now()));
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(RemoveMultilateralLimitCommand command) {
        if (multilateralLimit == null) {
            return;
        }
        apply(new MultilateralLimitRemovedEvent(accountId, now()));
        reserveCoveredQueuedPayments();
    }

    /** The account's part of a gridlock snapshot; no event. Payments queued before limits (no payee) sit out. */
    @CommandHandler
    AccountGridlockView handle(ReadGridlockViewCommand command) {
        String currency = accountId.currency();
        Map<Bic, Long> bilateralHeadroom = new HashMap<>();
        bilateralLimits.forEach((counterparty, limit) -> bilateralHeadroom.put(counterparty,
                Math.max(0, limit.minorUnits() - netOutflowTowards(counterparty))));
        OptionalLong multilateralHeadroom = multilateralLimit == null ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, multilateralLimit.minorUnits()
                        - Math.addExact(settledNetOutflowTotal, reservedNormalOutflowTotal)));
        List<QueuedPayment> queued = new ArrayList<>();
        // A frozen queue sits gridlock runs out: none of its payments is offered.
        for (QueueEntry entry : frozenBecause != null ? List.<QueueEntry>of() : queue.values()) {
            if (entry.payee() != null) {
                queued.add(new QueuedPayment(entry.uetr(), accountId.bic(), entry.payee(), entry.amount().minorUnits(),
                        entry.place().priority(), entry.place().arrival(), entry.held()));
            }
        }
        // The NORMAL pool: what is kept for HIGH and URGENT payments is never offered to a run, whatever the
        // priorities of the payments it settles (conservative, and simple for the resolver).
        return new AccountGridlockView(accountId, new ParticipantLiquidity(accountId.bic(),
                Math.max(0, availableFor(PaymentPriority.NORMAL, currency).minorUnits()), bilateralHeadroom,
                multilateralHeadroom), queued);
    }

    /**
     * Checks the account's part of a gridlock run against the account as it is now, not as the snapshot
     * saw it: between the two, payments may have settled, been cancelled or held, or limits changed.
     */
    @CommandHandler
    void handle(ReserveForGridlockCommand command) {
        String key = gridlockKey(command.runId());
        if (gridlockRunsInFlight.containsKey(command.runId()) || closedReservations.contains(key)) {
            return;
        }
        if (frozenBecause != null) {
            throw new IllegalStateException("the queue of " + accountId + " is frozen: " + frozenBecause);
        }
        String currency = accountId.currency();
        Map<Bic, Long> normalNetOutflow = new HashMap<>();
        long outgoing = 0;
        for (GridlockLeg leg : command.outgoing()) {
            requireCurrency(accountId, leg.amount());
            QueuePlace place = queuePlaces.get(leg.uetr());
            if (place == null) {
                throw new IllegalStateException("payment " + leg.uetr() + " is no longer queued on " + accountId);
            }
            QueueEntry queued = queue.get(place);
            if (queued.held() || !queued.amount().equals(leg.amount())) {
                throw new IllegalStateException("payment " + leg.uetr() + " on " + accountId
                        + (queued.held() ? " is held" : " is queued for " + queued.amount() + ", not " + leg.amount()));
            }
            outgoing = Math.addExact(outgoing, leg.amount().minorUnits());
            if (leg.priority() == PaymentPriority.NORMAL) {
                normalNetOutflow.merge(leg.counterparty(), leg.amount().minorUnits(), Math::addExact);
            }
        }
        long incoming = 0;
        for (GridlockLeg leg : command.incoming()) {
            requireCurrency(accountId, leg.amount());
            incoming = Math.addExact(incoming, leg.amount().minorUnits());
            normalNetOutflow.merge(leg.counterparty(), Math.negateExact(leg.amount().minorUnits()), Math::addExact);
        }
        long available = availableFor(PaymentPriority.NORMAL, currency).minorUnits();
        if (Math.addExact(available, incoming) < outgoing) {
            throw new IllegalStateException("AM04: available liquidity " + available + " plus " + incoming
                    + " incoming does not cover " + outgoing + " outgoing " + currency + " on " + accountId);
        }
        Reason limitExceeded = gridlockLimitExceeded(normalNetOutflow);
        if (limitExceeded != null) {
            throw new IllegalStateException(limitExceeded.code() + ": " + limitExceeded.explanation() + " on "
                    + accountId);
        }
        apply(new GridlockReservedEvent(accountId, command.runId(), command.outgoing(), command.incoming(),
                Money.of(Math.max(0, outgoing - incoming), currency), now()));
    }

    /** Net outflow deltas count only where positive, as the limits cap outflow; an inflow frees headroom. */
    private Reason gridlockLimitExceeded(Map<Bic, Long> normalNetOutflow) {
        long total = 0;
        for (Map.Entry<Bic, Long> delta : normalNetOutflow.entrySet()) {
            total = Math.addExact(total, delta.getValue());
            Money limit = bilateralLimits.get(delta.getKey());
            if (limit != null && delta.getValue() > 0
                    && Math.addExact(netOutflowTowards(delta.getKey()), delta.getValue()) > limit.minorUnits()) {
                return Reason.of(ReasonCode.NARR, "bilateral limit towards " + delta.getKey() + " of "
                        + display(limit) + " would be exceeded");
            }
        }
        long netOutflowTotal = Math.addExact(settledNetOutflowTotal, reservedNormalOutflowTotal);
        if (multilateralLimit != null && total > 0
                && Math.addExact(netOutflowTotal, total) > multilateralLimit.minorUnits()) {
            return Reason.of(ReasonCode.NARR, "multilateral limit of " + display(multilateralLimit)
                    + " would be exceeded");
        }
        return null;
    }

    @CommandHandler
    void handle(SettleGridlockCommand command) {
        GridlockHold hold = gridlockRunsInFlight.get(command.runId());
        if (hold == null) {
            if (closedReservations.contains(gridlockKey(command.runId()))) {
                return;
            }
            throw new IllegalStateException("no gridlock run " + command.runId() + " reserved on " + accountId);
        }
        apply(new GridlockSettledEvent(accountId, command.runId(), total(hold.outgoing()), total(hold.incoming()),
                hold.held(), command.ledgerTransactionId(), now()));
        // What the run brought in may cover the first queued payment.
        reserveCoveredQueuedPayments();
    }

    @CommandHandler
    void handle(ReleaseGridlockCommand command) {
        GridlockHold hold = gridlockRunsInFlight.get(command.runId());
        if (hold == null) {
            return;
        }
        apply(new GridlockReservationReleasedEvent(accountId, command.runId(), hold.outgoing(), hold.held(), now()));
        reserveCoveredQueuedPayments();
    }

    private Money total(List<GridlockLeg> legs) {
        long minorUnits = 0;
        for (GridlockLeg leg : legs) {
            minorUnits = Math.addExact(minorUnits, leg.amount().minorUnits());
        }
        return Money.of(minorUnits, accountId.currency());
    }

    /**
     * The limit that settling {@code amount} to {@code payee} would exceed, as the reason to queue; null
     * when the payment keeps within every limit or is not NORMAL (HIGH and URGENT ignore limits).
     */
    private Reason limitExceededBy(PaymentPriority priority, Bic payee, Money amount) {
        if (priority != PaymentPriority.NORMAL) {
            return null;
        }
        Money bilateralLimit = payee == null ? null : bilateralLimits.get(payee);
        if (bilateralLimit != null
                && Math.addExact(netOutflowTowards(payee), amount.minorUnits()) > bilateralLimit.minorUnits()) {
            return Reason.of(ReasonCode.NARR, "bilateral limit towards " + payee + " of " + display(bilateralLimit)
                    + " would be exceeded");
        }
        long netOutflowTotal = Math.addExact(settledNetOutflowTotal, reservedNormalOutflowTotal);
        if (multilateralLimit != null
                && Math.addExact(netOutflowTotal, amount.minorUnits()) > multilateralLimit.minorUnits()) {
            return Reason.of(ReasonCode.NARR, "multilateral limit of " + display(multilateralLimit)
                    + " would be exceeded");
        }
        return null;
    }

    private long netOutflowTowards(Bic counterparty) {
        return Math.addExact(settledNetOutflowByCounterparty.getOrDefault(counterparty, 0L),
                reservedNormalOutflowByCounterparty.getOrDefault(counterparty, 0L));
    }

    /** "EUR 1000.00": people read limits in major units; a currency the JDK does not know stays in minor units. */
    static String display(Money money) {
        int fractionDigits;
        try {
            fractionDigits = Currency.getInstance(money.currency()).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknownCurrency) {
            fractionDigits = -1;
        }
        if (fractionDigits < 0) {
            return money.currency() + " " + money.minorUnits() + " (minor units)";
        }
        if (fractionDigits == 0) {
            return money.currency() + " " + money.minorUnits();
        }
        long divisor = 1;
        for (int digit = 0; digit < fractionDigits; digit++) {
            divisor = Math.multiplyExact(divisor, 10);
        }
        return String.format("%s %d.%0" + fractionDigits + "d", money.currency(), money.minorUnits() / divisor,
                money.minorUnits() % divisor);
    }

    /**
     * Reserves queued payments in policy order while they are covered and within the limits. Each
     * reservation is applied (and so leaves the queue) before the next is examined; the loop ends at the
     * first payment not held that is not covered or would exceed a limit, or when nothing waits, so it runs at most {@link #QUEUE_LENGTH_MAX} times.
     */
    private void reserveCoveredQueuedPayments() {
        if (frozenBecause != null) {
            return;
        }
        if (fifoBypass) {
            reserveEveryCoveredQueuedPayment();
            return;
        }
        QueueEntry next = firstNotHeld();
        while (next != null && settlesNow(next)) {
            reserve(next);
            next = firstNotHeld();
        }
    }

    /**
     * With FIFO bypass: every queued payment not held that is covered and within the limits, in policy
     * order, skipping those that are not. One pass over a snapshot of the queue, so it runs at most
     * {@link #QUEUE_LENGTH_MAX} times; each reservation takes liquidity the later ones then lack.
     */
    private void reserveEveryCoveredQueuedPayment() {
        for (QueueEntry queued : List.copyOf(queue.values())) {
            if (!queued.held() && settlesNow(queued)) {
                reserve(queued);
            }
        }
    }

    private boolean settlesNow(QueueEntry queued) {
        return availableFor(queued.place().priority(), queued.amount().currency()).covers(queued.amount())
                && limitExceededBy(queued.place().priority(), queued.payee(), queued.amount()) == null;
    }

    private void reserve(QueueEntry queued) {
        apply(new LiquidityReservedEvent(accountId, queued.uetr(), queued.amount(), now(), queued.place().priority(),
                queued.payee()));
    }

    private QueueEntry firstNotHeld() {
        for (QueueEntry queued : queue.values()) {
            if (!queued.held()) {
                return queued;
            }
        }
        return null;
    }

    private int waitingAtOrAbove(PaymentPriority priority) {
        int waiting = 0;
        for (int rank = 0; rank <= priority.ordinal(); rank++) {
            waiting += waitingByPriority[rank];
        }
        return waiting;
    }

    private QueueEntry requireQueued(Uetr uetr, String step) {
        QueuePlace place = queuePlaces.get(uetr);
        if (place == null) {
            throw new IllegalStateException("cannot " + step + " payment " + uetr + ": it is not queued on " + accountId);
        }
        return queue.get(place);
    }

    /**
     * What a payment of {@code priority} may use: available liquidity less what is kept for the
     * priorities above it, never below zero.
     */
    private Money availableFor(PaymentPriority priority, String currency) {
        long kept = 0;
        for (Map.Entry<PaymentPriority, Long> reservation : priorityReservations.entrySet()) {
            if (reservation.getKey().compareTo(priority) < 0) {
                kept = Math.addExact(kept, reservation.getValue());
            }
        }
        return Money.of(Math.max(0, available(currency).minorUnits() - kept), currency);
    }

    private Money available(String currency) {
        // An account first touched by this reservation has never held anything.
        return balance == null ? Money.zero(currency) : balance.minus(reserved);
    }

    private static void requireCurrency(LiquidityAccountId target, Money amount) {
        if (!target.currency().equals(amount.currency())) {
            throw new IllegalArgumentException("account " + target + " holds only " + target.currency()
                    + ", not " + amount.currency());
        }
    }

    private static String incomingKey(Uetr uetr) {
        return "payment:" + uetr.value();
    }

    private static String pledgeKey(String transferId) {
        return "pledge:" + transferId;
    }

    private static String gridlockKey(String runId) {
        return "gridlock:" + runId;
    }

    /** Prefixed so that a transfer id can never be mistaken for a UETR among closed reservations. */
    private static String redemptionKey(String transferId) {
        return "redeem:" + transferId;
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    private void open(LiquidityAccountId id) {
        if (accountId == null) {
            accountId = id;
            balance = Money.zero(id.currency());
            reserved = Money.zero(id.currency());
        }
    }

    @EventSourcingHandler
    void on(LiquidityReservationQueuedEvent event) {
        open(event.accountId());
        QueuePlace place = new QueuePlace(event.priority(), arrivals++);
        queue.put(place, new QueueEntry(event.uetr(), event.amount(), place, false, event.payee()));
        queuePlaces.put(event.uetr(), place);
        waitingByPriority[event.priority().ordinal()]++;
    }

    @EventSourcingHandler
    void on(QueuedPaymentHeldEvent event) {
        QueuePlace place = queuePlaces.get(event.uetr());
        QueueEntry queued = queue.get(place);
        queue.put(place, new QueueEntry(event.uetr(), queued.amount(), place, true, queued.payee()));
        waitingByPriority[place.priority().ordinal()]--;
    }

    @EventSourcingHandler
    void on(FifoBypassSetEvent event) {
        open(event.accountId());
        fifoBypass = event.enabled();
    }

    @EventSourcingHandler
    void on(PriorityReservationSetEvent event) {
        open(event.accountId());
        if (event.amount().isZero()) {
            priorityReservations.remove(event.priority());
        } else {
            priorityReservations.put(event.priority(), event.amount().minorUnits());
        }
    }

    /** Only settled outflow resets: reservations in flight will settle today and keep counting. */
    @EventSourcingHandler
    void on(AccountBusinessDayStartedEvent event) {
        businessDate = event.date();
        settledNetOutflowByCounterparty.clear();
        settledNetOutflowTotal = 0;
    }

    @EventSourcingHandler
    void on(QueueFrozenEvent event) {
        frozenBecause = event.reason();
    }

    @EventSourcingHandler
    void on(QueueThawedEvent event) {
        frozenBecause = null;
    }

    @EventSourcingHandler
    void on(QueuedPaymentReprioritisedEvent event) {
        QueuePlace place = queuePlaces.get(event.uetr());
        QueueEntry queued = queue.remove(place);
        QueuePlace moved = new QueuePlace(event.to(), place.arrival());
        queue.put(moved, new QueueEntry(queued.uetr(), queued.amount(), moved, queued.held(), queued.payee()));
        queuePlaces.put(event.uetr(), moved);
        if (!queued.held()) {
            waitingByPriority[event.from().ordinal()]--;
            waitingByPriority[event.to().ordinal()]++;
        }
    }

    @EventSourcingHandler
    void on(HeldPaymentReleasedEvent event) {
        QueuePlace place = queuePlaces.get(event.uetr());
        QueueEntry queued = queue.get(place);
        queue.put(place, new QueueEntry(event.uetr(), queued.amount(), place, false, queued.payee()));
        waitingByPriority[place.priority().ordinal()]++;
    }

    @EventSourcingHandler
    void on(QueuedPaymentCancelledEvent event) {
        leaveQueue(event.uetr());
        closedReservations.remember(event.uetr().value());
    }

    private void leaveQueue(Uetr uetr) {
        QueuePlace place = queuePlaces.remove(uetr);
        if (place != null && !queue.remove(place).held()) {
            waitingByPriority[place.priority().ordinal()]--;
        }
    }

    @EventSourcingHandler
    void on(LiquidityReservedEvent event) {
        open(event.accountId());
        leaveQueue(event.uetr());
        reservationsInFlight.put(event.uetr(), new Reservation(event.amount(), event.priority(), event.payee()));
        reserved = reserved.plus(event.amount());
        if (event.priority() == PaymentPriority.NORMAL) {
            countReservedNormalOutflow(event.payee(), event.amount().minorUnits());
        }
    }

    @EventSourcingHandler
    void on(LiquidityReservationRefusedEvent event) {
        open(event.accountId());
        closedReservations.remember(event.uetr().value());
    }

    @EventSourcingHandler
    void on(LiquidityReservationReleasedEvent event) {
        Reservation reservation = reservationsInFlight.remove(event.uetr());
        if (reservation != null && reservation.priority() == PaymentPriority.NORMAL) {
            countReservedNormalOutflow(reservation.payee(), Math.negateExact(event.amount().minorUnits()));
        }
        closedReservations.remember(event.uetr().value());
        reserved = reserved.minus(event.amount());
    }

    @EventSourcingHandler
    void on(ReservationDebitedEvent event) {
        Reservation reservation = reservationsInFlight.remove(event.uetr());
        if (reservation != null && reservation.priority() == PaymentPriority.NORMAL) {
            // The reservation settled: its outflow moves from in flight to settled.
            countReservedNormalOutflow(reservation.payee(), Math.negateExact(event.amount().minorUnits()));
            countSettledNetOutflow(reservation.payee(), event.amount().minorUnits());
        }
        closedReservations.remember(event.uetr().value());
        reserved = reserved.minus(event.amount());
        balance = balance.minus(event.amount());
    }

    @EventSourcingHandler
    void on(IncomingPaymentCreditedEvent event) {
        open(event.accountId());
        creditedKeys.remember(incomingKey(event.uetr()));
        balance = balance.plus(event.amount());
        countSettledNetOutflow(event.payer(), Math.negateExact(event.amount().minorUnits()));
    }

    @EventSourcingHandler
    void on(LiquidityPledgedEvent event) {
        open(new LiquidityAccountId(event.participant(), event.amount().currency()));
        creditedKeys.remember(pledgeKey(event.transferId()));
        balance = balance.plus(event.amount());
    }

    @EventSourcingHandler
    void on(RedemptionReservedEvent event) {
        open(event.accountId());
        redemptionsInFlight.put(event.transferId(), event.amount());
        reserved = reserved.plus(event.amount());
    }

    @EventSourcingHandler
    void on(RedemptionReservationRefusedEvent event) {
        open(event.accountId());
        closedReservations.remember(redemptionKey(event.transferId()));
    }

    @EventSourcingHandler
    void on(RedemptionReservationReleasedEvent event) {
        redemptionsInFlight.remove(event.transferId());
        closedReservations.remember(redemptionKey(event.transferId()));
        reserved = reserved.minus(event.amount());
    }

    @EventSourcingHandler
    void on(LiquidityRedeemedEvent event) {
        redemptionsInFlight.remove(event.transferId());
        closedReservations.remember(redemptionKey(event.transferId()));
        reserved = reserved.minus(event.amount());
        balance = balance.minus(event.amount());
    }

    @EventSourcingHandler
    void on(BilateralLimitSetEvent event) {
        open(event.accountId());
        bilateralLimits.put(event.counterparty(), event.limit());
    }

    @EventSourcingHandler
    void on(BilateralLimitRemovedEvent event) {
        bilateralLimits.remove(event.counterparty());
    }

    @EventSourcingHandler
    void on(MultilateralLimitSetEvent event) {
        open(event.accountId());
        multilateralLimit = event.limit();
    }

    @EventSourcingHandler
    void on(MultilateralLimitRemovedEvent event) {
        multilateralLimit = null;
    }

    @EventSourcingHandler
    void on(GridlockReservedEvent event) {
        Map<Uetr, QueuePlace> places = new HashMap<>();
        for (GridlockLeg leg : event.outgoing()) {
            places.put(leg.uetr(), queuePlaces.get(leg.uetr()));
            leaveQueue(leg.uetr());
            if (leg.priority() == PaymentPriority.NORMAL) {
                countReservedNormalOutflow(leg.counterparty(), leg.amount().minorUnits());
            }
        }
        gridlockRunsInFlight.put(event.runId(), new GridlockHold(event.outgoing(), event.incoming(), places,
                event.held()));
        reserved = reserved.plus(event.held());
    }

    @EventSourcingHandler
    void on(GridlockSettledEvent event) {
        GridlockHold hold = gridlockRunsInFlight.remove(event.runId());
        for (GridlockLeg leg : hold.outgoing()) {
            closedReservations.remember(leg.uetr().value());
            if (leg.priority() == PaymentPriority.NORMAL) {
                countReservedNormalOutflow(leg.counterparty(), Math.negateExact(leg.amount().minorUnits()));
                countSettledNetOutflow(leg.counterparty(), leg.amount().minorUnits());
            }
        }
        for (GridlockLeg leg : hold.incoming()) {
            creditedKeys.remember(incomingKey(leg.uetr()));
            countSettledNetOutflow(leg.counterparty(), Math.negateExact(leg.amount().minorUnits()));
        }
        closedReservations.remember(gridlockKey(event.runId()));
        reserved = reserved.minus(event.held());
        balance = balance.plus(event.incoming()).minus(event.outgoing());
    }

    @EventSourcingHandler
    void on(GridlockReservationReleasedEvent event) {
        GridlockHold hold = gridlockRunsInFlight.remove(event.runId());
        for (GridlockLeg leg : hold.outgoing()) {
            QueuePlace place = hold.places().get(leg.uetr());
            queue.put(place, new QueueEntry(leg.uetr(), leg.amount(), place, false, leg.counterparty()));
            queuePlaces.put(leg.uetr(), place);
            waitingByPriority[place.priority().ordinal()]++;
            if (leg.priority() == PaymentPriority.NORMAL) {
                countReservedNormalOutflow(leg.counterparty(), Math.negateExact(leg.amount().minorUnits()));
            }
        }
        closedReservations.remember(gridlockKey(event.runId()));
        reserved = reserved.minus(event.held());
    }

    /** The account's whole state as a snapshot's payload; see {@link LiquidityAccountMemento}. */
    LiquidityAccountMemento memento() {
        List<LiquidityAccountMemento.ReservationInFlight> reservations = new ArrayList<>();
        reservationsInFlight.forEach((uetr, reservation) -> reservations.add(new LiquidityAccountMemento.ReservationInFlight(
                uetr, reservation.amount(), reservation.priority(), reservation.payee())));
        List<LiquidityAccountMemento.RedemptionInFlight> redemptions = new ArrayList<>();
        redemptionsInFlight.forEach((transferId, amount) ->
                redemptions.add(new LiquidityAccountMemento.RedemptionInFlight(transferId, amount)));
        List<LiquidityAccountMemento.GridlockRunInFlight> gridlockRuns = new ArrayList<>();
        gridlockRunsInFlight.forEach((runId, hold) -> {
            List<LiquidityAccountMemento.QueuePlaceKept> places = new ArrayList<>();
            hold.places().forEach((uetr, place) ->
                    places.add(new LiquidityAccountMemento.QueuePlaceKept(uetr, place.priority(), place.arrival())));
            places.sort(Comparator.comparing((LiquidityAccountMemento.QueuePlaceKept kept) -> kept.uetr().value()));
            gridlockRuns.add(new LiquidityAccountMemento.GridlockRunInFlight(runId, hold.outgoing(), hold.incoming(),
                    places, hold.held()));
        });
        List<LiquidityAccountMemento.Queued> queued = new ArrayList<>();
        queue.values().forEach(entry -> queued.add(new LiquidityAccountMemento.Queued(entry.uetr(), entry.amount(),
                entry.place().priority(), entry.place().arrival(), entry.held(), entry.payee())));
        List<LiquidityAccountMemento.CounterpartyLimit> limits = new ArrayList<>();
        bilateralLimits.forEach((counterparty, limit) ->
                limits.add(new LiquidityAccountMemento.CounterpartyLimit(counterparty, limit)));
        limits.sort(Comparator.comparing((LiquidityAccountMemento.CounterpartyLimit limit) -> limit.counterparty().value()));
        List<LiquidityAccountMemento.PriorityReservation> kept = new ArrayList<>();
        priorityReservations.forEach((priority, minorUnits) ->
                kept.add(new LiquidityAccountMemento.PriorityReservation(priority, minorUnits)));
        kept.sort(Comparator.comparing(LiquidityAccountMemento.PriorityReservation::priority));
        return new LiquidityAccountMemento(accountId, balance, reserved, reservations, redemptions, gridlockRuns,
                closedReservations.oldestFirst(), creditedKeys.oldestFirst(), queued, arrivals, limits,
                multilateralLimit, outflows(settledNetOutflowByCounterparty), settledNetOutflowTotal,
                outflows(reservedNormalOutflowByCounterparty), reservedNormalOutflowTotal, kept, businessDate,
                fifoBypass, frozenBecause);
    }

    private static List<LiquidityAccountMemento.CounterpartyOutflow> outflows(Map<Bic, Long> byCounterparty) {
        List<LiquidityAccountMemento.CounterpartyOutflow> outflows = new ArrayList<>();
        byCounterparty.forEach((counterparty, minorUnits) ->
                outflows.add(new LiquidityAccountMemento.CounterpartyOutflow(counterparty, minorUnits)));
        outflows.sort(Comparator.comparing((LiquidityAccountMemento.CounterpartyOutflow outflow) ->
                outflow.counterparty().value()));
        return outflows;
    }

    /**
     * A snapshot is the first event of a stream read from one: it replaces whatever state the account had
     * (none, as Axon creates an empty account for it), and the events after it then apply as usual.
     */
    @EventSourcingHandler
    void on(LiquidityAccountMemento snapshot) {
        accountId = snapshot.accountId();
        balance = snapshot.balance();
        reserved = snapshot.reserved();
        reservationsInFlight.clear();
        snapshot.reservationsInFlight().forEach(reservation -> reservationsInFlight.put(reservation.uetr(),
                new Reservation(reservation.amount(), reservation.priority(), reservation.payee())));
        redemptionsInFlight.clear();
        snapshot.redemptionsInFlight().forEach(redemption ->
                redemptionsInFlight.put(redemption.transferId(), redemption.amount()));
        gridlockRunsInFlight.clear();
        snapshot.gridlockRunsInFlight().forEach(run -> {
            Map<Uetr, QueuePlace> places = new HashMap<>();
            run.places().forEach(kept -> places.put(kept.uetr(), new QueuePlace(kept.priority(), kept.arrival())));
            gridlockRunsInFlight.put(run.runId(), new GridlockHold(run.outgoing(), run.incoming(), places, run.held()));
        });
        closedReservations.restore(snapshot.closedReservations());
        creditedKeys.restore(snapshot.creditedKeys());
        restoreQueue(snapshot.queue());
        arrivals = snapshot.arrivals();
        bilateralLimits.clear();
        snapshot.bilateralLimits().forEach(limit -> bilateralLimits.put(limit.counterparty(), limit.limit()));
        multilateralLimit = snapshot.multilateralLimit();
        restoreOutflows(settledNetOutflowByCounterparty, snapshot.settledNetOutflowByCounterparty());
        settledNetOutflowTotal = snapshot.settledNetOutflowTotal();
        restoreOutflows(reservedNormalOutflowByCounterparty, snapshot.reservedNormalOutflowByCounterparty());
        reservedNormalOutflowTotal = snapshot.reservedNormalOutflowTotal();
        priorityReservations.clear();
        snapshot.priorityReservations().forEach(kept -> priorityReservations.put(kept.priority(), kept.minorUnits()));
        businessDate = snapshot.businessDate();
        fifoBypass = snapshot.fifoBypass();
        frozenBecause = snapshot.frozenBecause();
    }

    /** The places by UETR and the waiting counts are derived from the queue, so they are rebuilt, not stored. */
    private void restoreQueue(List<LiquidityAccountMemento.Queued> entries) {
        queue.clear();
        queuePlaces.clear();
        Arrays.fill(waitingByPriority, 0);
        for (LiquidityAccountMemento.Queued entry : entries) {
            QueuePlace place = new QueuePlace(entry.priority(), entry.arrival());
            queue.put(place, new QueueEntry(entry.uetr(), entry.amount(), place, entry.held(), entry.payee()));
            queuePlaces.put(entry.uetr(), place);
            if (!entry.held()) {
                waitingByPriority[entry.priority().ordinal()]++;
            }
        }
    }

    private static void restoreOutflows(Map<Bic, Long> target, List<LiquidityAccountMemento.CounterpartyOutflow> outflows) {
        target.clear();
        outflows.forEach(outflow -> target.put(outflow.counterparty(), outflow.minorUnits()));
    }

    /** A null counterparty (recorded before limits existed) counts towards the total alone. */
    private void countSettledNetOutflow(Bic counterparty, long minorUnits) {
        settledNetOutflowTotal = Math.addExact(settledNetOutflowTotal, minorUnits);
        if (counterparty != null) {
            settledNetOutflowByCounterparty.merge(counterparty, minorUnits, Math::addExact);
        }
    }

    private void countReservedNormalOutflow(Bic counterparty, long minorUnits) {
        reservedNormalOutflowTotal = Math.addExact(reservedNormalOutflowTotal, minorUnits);
        if (counterparty != null) {
            reservedNormalOutflowByCounterparty.merge(counterparty, minorUnits, Math::addExact);
        }
    }
}
