package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.liquidity.api.IncomingPaymentCreditedEvent;
import io.clearline.core.liquidity.api.LiquidityPledgedEvent;
import io.clearline.core.liquidity.api.LiquidityReservationReleasedEvent;
import io.clearline.core.liquidity.api.LiquidityReservedEvent;
import io.clearline.core.liquidity.api.ReservationDebitedEvent;
import io.clearline.core.payment.api.PaymentSettledEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Tells the workspace which banks' positions changed, for the live pages.
 *
 * <p>It joins the positions projection's processing group on purpose: the positions projection does
 * not emit subscription-query updates, and a handler on a processor of its own could re-query the
 * position before the projection has applied the same event, and show the old figure. In the same
 * group the event is handled in the same unit of work as the projection's own handler, and the push
 * is asked for only after that unit of work commits, when the projection has applied it for certain.
 * It also replays with the projection at start, which rebuilds {@link RecentPayments}; with nobody
 * watching, a change costs a set lookup.
 */
@Component
@ProcessingGroup(ProcessingGroups.POSITIONS_PROJECTION)
class PositionChangeListener {
    private final WorkspaceUpdates updates;
    private final RecentPayments recentPayments;

    PositionChangeListener(WorkspaceUpdates updates, RecentPayments recentPayments) {
        this.updates = updates;
        this.recentPayments = recentPayments;
    }

    @EventHandler
    void on(LiquidityPledgedEvent event) {
        changedAfterCommit(event.participant());
    }

    @EventHandler
    void on(IncomingPaymentCreditedEvent event) {
        changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(LiquidityReservedEvent event) {
        changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(LiquidityReservationReleasedEvent event) {
        changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(ReservationDebitedEvent event) {
        changedAfterCommit(event.accountId().bic());
    }

    @EventHandler
    void on(PaymentSettledEvent event) {
        recentPayments.record(event);
        changedAfterCommit(event.payer());
        changedAfterCommit(event.payee());
    }

    @ResetHandler
    void reset() {
        recentPayments.clear();
    }

    private void changedAfterCommit(Bic bic) {
        if (!updates.isWatched(bic)) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> updates.changed(bic));
        } else {
            updates.changed(bic);
        }
    }
}
