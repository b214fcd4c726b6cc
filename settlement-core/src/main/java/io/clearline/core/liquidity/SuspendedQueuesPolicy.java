package io.clearline.core.liquidity;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.FreezeQueueCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.liquidity.api.QueuedPaymentView;
import io.clearline.core.liquidity.api.ThawQueueCommand;
import io.clearline.core.participant.api.ParticipantReactivatedEvent;
import io.clearline.core.participant.api.ParticipantSuspendedEvent;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryGateway;

/**
 * A suspended participant's queues freeze, and thaw when it is reactivated: for each currency in
 * which it holds a position or queues a payment, its account is told. Runs once per event (a policy,
 * with a durable token, never replayed); the commands are idempotent, so a redelivery is harmless.
 *
 * <p>WARNING: the currencies come from the positions projection, which may lag a moment behind; an
 * account first opened in that moment is not frozen. New payments from a suspended participant are
 * refused before they reach an account, so only a payment already in flight can open one.
 */
@ProcessingGroup(ProcessingGroups.SUSPENDED_QUEUES_POLICY)
public class SuspendedQueuesPolicy {
    private static final System.Logger LOG = System.getLogger(SuspendedQueuesPolicy.class.getName());
    private static final long QUERY_WAIT_MAX_MILLIS = 10_000;

    @EventHandler
    void on(ParticipantSuspendedEvent event, CommandGateway commands, QueryGateway queries) {
        for (String currency : currenciesOf(event.bic(), queries)) {
            LiquidityAccountId account = new LiquidityAccountId(event.bic(), currency);
            commands.send(new FreezeQueueCommand(account, event.reason())).whenComplete((ignored, failure) ->
                    logIfFailed(failure, "freeze", account));
        }
    }

    @EventHandler
    void on(ParticipantReactivatedEvent event, CommandGateway commands, QueryGateway queries) {
        for (String currency : currenciesOf(event.bic(), queries)) {
            LiquidityAccountId account = new LiquidityAccountId(event.bic(), currency);
            commands.send(new ThawQueueCommand(account)).whenComplete((ignored, failure) ->
                    logIfFailed(failure, "thaw", account));
        }
    }

    private static Set<String> currenciesOf(Bic bic, QueryGateway queries) {
        Set<String> currencies = new TreeSet<>();
        PositionView position = queries.query(new FindPositionQuery(bic), PositionView.class)
                .orTimeout(QUERY_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
        for (CurrencyPosition currency : position.currencies()) {
            currencies.add(currency.balance().currency());
        }
        QueueView queue = queries.query(new FindQueueQuery(bic), QueueView.class)
                .orTimeout(QUERY_WAIT_MAX_MILLIS, TimeUnit.MILLISECONDS).join();
        for (QueuedPaymentView payment : queue.payments()) {
            currencies.add(payment.amount().currency());
        }
        return currencies;
    }

    private static void logIfFailed(Throwable failure, String step, LiquidityAccountId account) {
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "could not " + step + " the queue of " + account, failure);
        }
    }
}
