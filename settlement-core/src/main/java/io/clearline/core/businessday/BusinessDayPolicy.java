package io.clearline.core.businessday;

import io.clearline.core.businessday.api.BusinessDayClosedEvent;
import io.clearline.core.businessday.api.BusinessDayOpenedEvent;
import io.clearline.core.businessday.api.TakeUpWarehousedPaymentsCommand;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.liquidity.api.CancelQueuedPaymentCommand;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.StartBusinessDayCommand;
import io.clearline.core.participant.api.ListParticipantsQuery;
import io.clearline.core.participant.api.ParticipantView;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * What the business day does to every account: at the open each starts the day with its limits' use
 * at zero, then the payments warehoused for it are taken up; at the close every payment still queued
 * (held ones too) is cancelled with TM01, so nothing crosses into the next day unseen and each payer is
 * told by a pacs.002. Warehoused payments are in no queue and are not cancelled: they wait for the next day. A policy: durable token, never
 * replayed; its commands are idempotent, so a redelivered event is harmless.
 *
 * <p>WARNING: accounts and queues come from the projections, which may lag a moment behind the event;
 * operators close the day after the cut-off has let the last payments settle, which gives them time.
 */
@ProcessingGroup(ProcessingGroups.BUSINESS_DAY_POLICY)
public class BusinessDayPolicy {
    private static final System.Logger LOG = System.getLogger(BusinessDayPolicy.class.getName());
    private static final long QUERY_WAIT_MAX_MILLIS = 10_000;

    @EventHandler
    void on(BusinessDayOpenedEvent event, CommandGateway commands, QueryGateway queries) {
        // The business day first, then the accounts: the lock order of every payment's saga (the day's check,
        // then the payer's account). These commands run nested in this handler's unit of work and keep their
        // aggregates locked until it ends, so the opposite order could deadlock with a payment in flight.
        // The warehoused payments it releases are settled only after this unit of work commits, and so after
        // the accounts have started the day: they count against today's limits.
        commands.send(new TakeUpWarehousedPaymentsCommand(event.network(), event.date()))
                .whenComplete((ignored, failure) -> logIfFailed(failure, "take up the payments warehoused"
                        + " for " + event.date()));
        for (ParticipantView participant : participants(queries)) {
            PositionView position = queries.query(new FindPositionQuery(participant.bic()), PositionView.class)
                    .orTimeout(QUERY_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
            for (CurrencyPosition currency : position.currencies()) {
                LiquidityAccountId account = new LiquidityAccountId(participant.bic(), currency.balance().currency());
                commands.send(new StartBusinessDayCommand(account, event.date()))
                        .whenComplete((ignored, failure) -> logIfFailed(failure,
                                "start business day " + event.date() + " on " + account));
            }
        }
    }

    @EventHandler
    void on(BusinessDayClosedEvent event, CommandGateway commands, QueryGateway queries) {
        Reason reason = Reason.of(ReasonCode.TM01, "business day " + event.date() + " closed with the payment still"
                + " queued");
        for (ParticipantView participant : participants(queries)) {
            QueueView queue = queries.query(new FindQueueQuery(participant.bic()), QueueView.class)
                    .orTimeout(QUERY_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
            for (QueuedPaymentView payment : queue.payments()) {
                LiquidityAccountId account = new LiquidityAccountId(participant.bic(), payment.amount().currency());
                commands.send(new CancelQueuedPaymentCommand(account, payment.uetr(), reason))
                        .whenComplete((ignored, failure) -> logIfFailed(failure, "cancel " + payment.uetr()
                                + " at the close of " + event.date()));
            }
        }
    }

    private static List<ParticipantView> participants(QueryGateway queries) {
        return queries.query(new ListParticipantsQuery(), ResponseTypes.multipleInstancesOf(ParticipantView.class))
                .orTimeout(QUERY_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
    }

    private static void logIfFailed(Throwable failure, String step) {
        if (failure != null) {
            // A payment that settled or left the queue meanwhile is not an error worth more than a line.
            LOG.log(System.Logger.Level.WARNING, "could not " + step + ": " + failure.getMessage());
        }
    }
}
