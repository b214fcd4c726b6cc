package io.clearline.core;

import io.clearline.core.common.api.Bic;
import io.clearline.core.liquidity.api.CurrencyPosition;
import io.clearline.core.liquidity.api.FindPositionQuery;
import io.clearline.core.liquidity.api.FindQueueQuery;
import io.clearline.core.liquidity.api.PositionView;
import io.clearline.core.liquidity.api.QueueView;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.ListGridlockRunsQuery;
import io.clearline.core.payment.api.FindPaymentQuery;
import io.clearline.core.payment.api.PaymentStatus;
import io.clearline.core.payment.api.PaymentView;
import io.clearline.core.common.api.Uetr;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import io.clearline.core.ledger.api.LedgerPort;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;

/**
 * The whole core in one JVM (Axon's own configurer, an in-memory event store), and waits on its
 * projections, which follow the event store asynchronously.
 */
public final class CoreProbes {
    /** How long asynchronous processing may take before a test gives up: generous, for a loaded machine. */
    public static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(10);
    private static final int RUNS_LISTED_MAX = 10;

    private CoreProbes() {
    }

    /** Started; the caller shuts it down. */
    public static Configuration startInMemory(LedgerPort ledger) {
        Configurer configurer = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine());
        SettlementCoreModule.configure(configurer, ledger);
        return configurer.start();
    }

    public static List<CurrencyPosition> position(QueryGateway queries, Bic bic) {
        return queries.query(new FindPositionQuery(bic), PositionView.class).join().currencies();
    }

    public static void awaitPosition(QueryGateway queries, Bic bic, Predicate<CurrencyPosition> condition) {
        await(() -> position(queries, bic), positions -> positions.stream().anyMatch(condition), "position of " + bic);
    }

    public static QueueView awaitQueue(QueryGateway queries, Bic bic, Predicate<QueueView> condition) {
        return await(() -> queries.query(new FindQueueQuery(bic), QueueView.class).join(), condition, "queue of " + bic);
    }

    public static PaymentView awaitPayment(QueryGateway queries, Uetr uetr, PaymentStatus status) {
        return await(() -> queries.query(new FindPaymentQuery(uetr), ResponseTypes.optionalInstanceOf(PaymentView.class))
                        .join(),
                view -> view.isPresent() && view.get().status() == status,
                "payment " + uetr + " " + status).orElseThrow();
    }

    public static List<GridlockRunRecordedEvent> awaitRuns(QueryGateway queries,
                                                           Predicate<List<GridlockRunRecordedEvent>> condition) {
        return await(() -> queries.query(new ListGridlockRunsQuery(RUNS_LISTED_MAX),
                ResponseTypes.multipleInstancesOf(GridlockRunRecordedEvent.class)).join(), condition, "gridlock runs");
    }

    public static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
        long deadlineNanos = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadlineNanos) {
                throw new AssertionError("timed out after " + SETTLE_TIMEOUT + " waiting for " + what + "; last: " + last);
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
            last = probe.get();
        }
        return last;
    }
}
