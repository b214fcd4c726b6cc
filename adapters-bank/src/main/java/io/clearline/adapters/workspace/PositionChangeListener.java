package io.clearline.adapters.workspace;

import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.liquidity.api.BilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.BilateralLimitSetEvent;
import io.clearline.core.liquidity.api.GridlockReservationReleasedEvent;
import io.clearline.core.liquidity.api.GridlockReservedEvent;
import io.clearline.core.liquidity.api.GridlockSettledEvent;
import io.clearline.core.liquidity.api.HeldPaymentReleasedEvent;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityRedeemedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationQueuedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitRemovedEvent;
import io.clearline.core.liquidity.api.MultilateralLimitSetEvent;
import io.clearline.core.liquidity.api.QueueFrozenEvent;
import io.clearline.core.liquidity.api.QueueThawedEvent;
import io.clearline.core.liquidity.api.QueuedPaymentCancelledEvent;
import io.clearline.core.liquidity.api.QueuedPaymentHeldEvent;
import io.clearline.core.liquidity.api.QueuedPaymentReprioritisedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationReleasedEvent;
import io.clearline.core.liquidity.api.RedemptionReservedEvent;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.stereotype.Component;

/**
 * Tells the workspace which banks' positions and queues changed, for the live pages, and keeps what
 * the workspace shows that the core answers no query for: recent payments, the intraday balances and
 * the limits.
 *
 * <p>It joins the positions projection's processing group on purpose: the positions projection does
 * not emit subscription-query updates, and a handler on a processor of its own could re-query the
 * position before the projection has applied the same event, and show the old figure. In the same
 * group the event is handled in the same unit of work as the projection's own handler, and the push
 * is asked for only after that unit of work commits, when the projection has applied it for certain.
 * It also replays with the projection at start, which rebuilds {@link RecentPayments},
 * {@link IntradayBalances} and {@link LimitBook}; with nobody watching, a change costs a set lookup.
 * The balance movements mirror the projection's own, event for event.
 */
@Component
@ProcessingGroup(ProcessingGroups.POSITIONS_PROJECTION)
class PositionChangeListener {
    private final WorkspaceUpdates updates;
    private final RecentPayments recentPayments;
    private final IntradayBalances intradayBalances;
    private final LimitBook limits;

    PositionChangeListener(WorkspaceUpdates updates, RecentPayments recentPayments,
                           IntradayBalances intradayBalances, LimitBook limits) {
        this.updates = updates;
        this.recentPayments = recentPayments;
        this.intradayBalances = intradayBalances;
        this.limits = limits;
    }

    // Balance movements: the intraday chart follows them.

    @EventHandler
    void on(LiquidityPledgedEvent event, @SequenceNumber long sequenceNumber) {
        LiquidityAccountId account = new LiquidityAccountId(event.participant(), event.amount().currency());
        intradayBalances.move(account, sequenceNumber, event.pledgedAt(), event.amount().minorUnits());
        updates.changedAfterCommit(event.participant());
    }

    @EventHandler
    void on(LiquidityRedeemedEvent event, @SequenceNumber long sequenceNumber) {
        LiquidityAccountId account = new LiquidityAccountId(event.participant(), event.amount().currency());
        intradayBalances.move(account, sequenceNumber, event.redeemedAt(),
                Math.negateExact(event.amount().minorUnits()));
        updates.changedAfterCommit(event.participant());
    }

    @EventHandler
    void on(IncomingPaymentCreditedEvent event, @SequenceNumber long sequenceNumber) {
        intradayBalances.move(event.accountId(), sequenceNumber, event.creditedAt(), event.amount().minorUnits());
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(ReservationDebitedEvent event, @SequenceNumber long sequenceNumber) {
        intradayBalances.move(event.accountId(), sequenceNumber, event.debitedAt(),
                Math.negateExact(event.amount().minorUnits()));
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(GridlockSettledEvent event, @SequenceNumber long sequenceNumber) {
        intradayBalances.move(event.accountId(), sequenceNumber, event.settledAt(),
                Math.subtractExact(event.incoming().minorUnits(), event.outgoing().minorUnits()));
        updates.changedAfterCommit(event.accountId().bic());
    }

    // Reservations and the queue: the position's reserved and queued figures and the queue's rows.

    @EventHandler
    void on(LiquidityReservedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(LiquidityReservationReleasedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(RedemptionReservedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(RedemptionReservationReleasedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(GridlockReservedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(GridlockReservationReleasedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(LiquidityReservationQueuedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(QueuedPaymentHeldEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(HeldPaymentReleasedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(QueuedPaymentReprioritisedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(QueuedPaymentCancelledEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(QueueFrozenEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(QueueThawedEvent event) {
        updates.changedAfterCommit(event.accountId().bic());
    }

    // Limits: kept here, since the core answers no query for them.

    @EventHandler
    void on(BilateralLimitSetEvent event, @SequenceNumber long sequenceNumber) {
        limits.setBilateral(event.accountId(), sequenceNumber, event.counterparty(), event.limit());
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(BilateralLimitRemovedEvent event, @SequenceNumber long sequenceNumber) {
        limits.removeBilateral(event.accountId(), sequenceNumber, event.counterparty());
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(MultilateralLimitSetEvent event, @SequenceNumber long sequenceNumber) {
        limits.setMultilateral(event.accountId(), sequenceNumber, event.limit());
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(MultilateralLimitRemovedEvent event, @SequenceNumber long sequenceNumber) {
        limits.removeMultilateral(event.accountId(), sequenceNumber);
        updates.changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        recentPayments.record(event);
        updates.changedAfterCommit(event.payer());
        updates.changedAfterCommit(event.payee());
    }

    @ResetHandler
    void reset() {
        recentPayments.clear();
        intradayBalances.clear();
        limits.clear();
    }

}
