package io.clearline.core.liquidity;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.PaymentPriority;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.axonframework.serialization.Revision;

/**
 * The whole state of a {@link LiquidityAccount} as one immutable value: the payload of its snapshots.
 * The aggregate itself cannot be written by Jackson (its queue is a map keyed by a private record, its
 * idempotency keys a bounded set), and a snapshot must not depend on how the aggregate keeps its state
 * in memory, only on what that state is. Everything the aggregate derives (the places by UETR, the
 * counts of waiting payments by priority) is rebuilt from this on restore, not stored twice.
 *
 * <p>Lists, not maps: their order is part of the state where the aggregate's decisions depend on it
 * (reservations, queue, recent keys, oldest first); elsewhere they are sorted, so two accounts in the
 * same state give equal mementos. Nullable fields are null exactly where the aggregate's are.
 *
 * <p>WARNING: a change to this record (or to what the aggregate keeps) needs a new {@link Revision};
 * a snapshot of another revision must then be skipped (replaying from the first event), never read.
 */
@Revision("1")
public record LiquidityAccountMemento(
        LiquidityAccountId accountId, Money balance, Money reserved,
        List<ReservationInFlight> reservationsInFlight, List<RedemptionInFlight> redemptionsInFlight,
        List<GridlockRunInFlight> gridlockRunsInFlight, List<String> closedReservations, List<String> creditedKeys,
        List<Queued> queue, long arrivals, List<CounterpartyLimit> bilateralLimits, Money multilateralLimit,
        List<CounterpartyOutflow> settledNetOutflowByCounterparty, long settledNetOutflowTotal,
        List<CounterpartyOutflow> reservedNormalOutflowByCounterparty, long reservedNormalOutflowTotal,
        List<PriorityReservation> priorityReservations, LocalDate businessDate, boolean fifoBypass,
        String frozenBecause) {

    public LiquidityAccountMemento {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(balance, "balance");
        Objects.requireNonNull(reserved, "reserved");
        reservationsInFlight = List.copyOf(reservationsInFlight);
        redemptionsInFlight = List.copyOf(redemptionsInFlight);
        gridlockRunsInFlight = List.copyOf(gridlockRunsInFlight);
        closedReservations = List.copyOf(closedReservations);
        creditedKeys = List.copyOf(creditedKeys);
        queue = List.copyOf(queue);
        bilateralLimits = List.copyOf(bilateralLimits);
        settledNetOutflowByCounterparty = List.copyOf(settledNetOutflowByCounterparty);
        reservedNormalOutflowByCounterparty = List.copyOf(reservedNormalOutflowByCounterparty);
        priorityReservations = List.copyOf(priorityReservations);
    }

    /** A reservation in flight; {@code payee} is null only for payments recorded before limits existed. */
    public record ReservationInFlight(Uetr uetr, Money amount, PaymentPriority priority, Bic payee) {
    }

    public record RedemptionInFlight(String transferId, Money amount) {
    }

    /** A queued payment at its place: priority, then arrival. */
    public record Queued(Uetr uetr, Money amount, PaymentPriority priority, long arrival, boolean held, Bic payee) {
    }

    /** Where a payment a gridlock run took out of the queue goes back to if the run does not settle. */
    public record QueuePlaceKept(Uetr uetr, PaymentPriority priority, long arrival) {
    }

    public record GridlockRunInFlight(String runId, List<GridlockLeg> outgoing, List<GridlockLeg> incoming,
                                      List<QueuePlaceKept> places, Money held) {
        public GridlockRunInFlight {
            outgoing = List.copyOf(outgoing);
            incoming = List.copyOf(incoming);
            places = List.copyOf(places);
        }
    }

    public record CounterpartyLimit(Bic counterparty, Money limit) {
    }

    /** Minor units, negative when more came in than went out. */
    public record CounterpartyOutflow(Bic counterparty, long minorUnits) {
    }

    public record PriorityReservation(PaymentPriority priority, long minorUnits) {
    }
}
