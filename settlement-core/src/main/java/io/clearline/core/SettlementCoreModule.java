package io.clearline.core;

import io.clearline.core.businessday.BusinessDay;
import io.clearline.core.businessday.BusinessDayPolicy;
import io.clearline.core.businessday.BusinessDayProjection;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.liquidity.LiquidityAccount;
import io.clearline.core.liquidity.LiquidityAccountSnapshotter;
import io.clearline.core.liquidity.LiquidityPledgeSaga;
import io.clearline.core.liquidity.LiquidityTransfer;
import io.clearline.core.liquidity.PositionsProjection;
import io.clearline.core.liquidity.SuspendedQueuesPolicy;
import io.clearline.core.lsm.GridlockRun;
import io.clearline.core.lsm.GridlockRunsProjection;
import io.clearline.core.participant.Participant;
import io.clearline.core.participant.ParticipantsProjection;
import io.clearline.core.payment.PaymentInstruction;
import io.clearline.core.payment.PaymentReturnSaga;
import io.clearline.core.payment.PaymentSettlementSaga;
import io.clearline.core.payment.PaymentsProjection;
import io.clearline.core.statement.AccountStatementsProjection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.common.caching.Cache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * Everything the node registers to run the settlement core, without Spring.
 *
 * <p>Usage from a Spring {@code ConfigurerModule}:
 * <pre>{@code
 * @Bean ConfigurerModule settlementCore() { return SettlementCoreModule::registerHandlers; }
 * }</pre>
 * with the {@link LedgerPort} as a Spring bean (Spring's resource injector finds it for the sagas).
 * Without Spring, {@link #configure(Configurer, LedgerPort)} also registers the ledger port as an
 * Axon component so Axon's own resource injector finds it.
 *
 * <p>WARNING: the projections keep their state in memory and must replay the whole event store at
 * start: give the processing groups in {@link ProcessingGroups#PROJECTIONS} an in-memory token
 * store; the sagas ({@link ProcessingGroups#SAGAS}) need a durable token store and saga store, the
 * policies ({@link ProcessingGroups#POLICIES}) a durable token store.
 */
public final class SettlementCoreModule {

    /** Event-sourced aggregates; each needs only Axon's default event-sourcing repository. */
    public static final List<Class<?>> AGGREGATE_TYPES =
            List.of(Participant.class, PaymentInstruction.class, LiquidityAccount.class, LiquidityTransfer.class,
                    GridlockRun.class, BusinessDay.class);

    /** Sagas; each has transient {@code @Inject} fields for a CommandGateway and a LedgerPort. */
    public static final List<Class<?>> SAGA_TYPES = List.of(PaymentSettlementSaga.class, LiquidityPledgeSaga.class,
            PaymentReturnSaga.class);

    /**
     * Events between two snapshots of a liquidity account unless the node says otherwise: a bank's account
     * gains three to four events per payment, so about three hundred payments; a load then reads at most
     * this many events, and each snapshot (up to the account's {@code RECENT_KEYS_MAX} recent keys of each
     * kind, under a megabyte of JSON) is written once per this many.
     */
    public static final int LIQUIDITY_ACCOUNT_EVENTS_BETWEEN_SNAPSHOTS_DEFAULT = 1_000;

    private SettlementCoreModule() {
    }

    /** New, empty projection instances (event and query handlers); register each one exactly once. */
    public static List<Object> newProjections() {
        return List.of(new ParticipantsProjection(), new PaymentsProjection(), new PositionsProjection(),
                new GridlockRunsProjection(), new BusinessDayProjection(), new AccountStatementsProjection());
    }

    /** Registers the ledger port as an Axon component, then everything of {@link #registerHandlers}. */
    public static void configure(Configurer configurer, LedgerPort ledgerPort) {
        Objects.requireNonNull(ledgerPort, "ledgerPort");
        configurer.registerComponent(LedgerPort.class, configuration -> ledgerPort);
        registerHandlers(configurer);
    }

    /** Registers aggregates, sagas and fresh projections; the sagas' resources must come from elsewhere. */
    public static void registerHandlers(Configurer configurer) {
        Objects.requireNonNull(configurer, "configurer");
        AGGREGATE_TYPES.forEach(configurer::configureAggregate);
        registerSagasAndProjections(configurer, ProcessorSettings.SEQUENTIAL);
    }

    /**
     * As {@link #registerHandlers(Configurer)}, with every aggregate kept in {@code aggregateCache} between
     * commands. Without it each command re-reads the aggregate's whole history, and a bank's liquidity
     * account gains events with every payment: the cost of a payment would grow with the day's volume.
     *
     * <p>WARNING: only for a node that is the sole writer of these aggregates (true of every deployment
     * so far); another writer would leave the cache stale.
     */
    public static void registerHandlers(Configurer configurer, Cache aggregateCache) {
        registerHandlers(configurer, aggregateCache, aggregateCache, LIQUIDITY_ACCOUNT_EVENTS_BETWEEN_SNAPSHOTS_DEFAULT,
                ProcessorSettings.SEQUENTIAL);
    }

    /**
     * As {@link #registerHandlers(Configurer, Cache)}, with a snapshot of each liquidity account every
     * {@code liquidityAccountEventsBetweenSnapshots} events: an account the cache lost (a restart, a
     * cache under memory pressure) is then read from its last snapshot instead of from its first event.
     * The other aggregates gain a handful of events in their lives and need none. The liquidity accounts
     * are kept in {@code liquidityAccountCache}, the others in {@code aggregateCache}: the accounts are few
     * and each is used by every payment its bank sends or receives, so they deserve a cache that holds them
     * strongly ({@link LeastRecentlyUsedCache}), where a payment, used a few times, does not. The event
     * processors run as {@code processors} say.
     *
     * @throws IllegalArgumentException if {@code liquidityAccountEventsBetweenSnapshots} is not positive
     */
    public static void registerHandlers(Configurer configurer, Cache aggregateCache, Cache liquidityAccountCache,
                                        int liquidityAccountEventsBetweenSnapshots, ProcessorSettings processors) {
        Objects.requireNonNull(configurer, "configurer");
        Objects.requireNonNull(aggregateCache, "aggregateCache");
        Objects.requireNonNull(liquidityAccountCache, "liquidityAccountCache");
        Objects.requireNonNull(processors, "processors");
        if (liquidityAccountEventsBetweenSnapshots <= 0) {
            throw new IllegalArgumentException("liquidityAccountEventsBetweenSnapshots must be positive: "
                    + liquidityAccountEventsBetweenSnapshots);
        }
        AGGREGATE_TYPES.forEach(type -> {
            AggregateConfigurer<?> aggregate =
                    cached(type, type == LiquidityAccount.class ? liquidityAccountCache : aggregateCache);
            if (type == LiquidityAccount.class) {
                aggregate.configureSnapshotTrigger(configuration -> LiquidityAccountSnapshotter.trigger(configuration,
                                liquidityAccountEventsBetweenSnapshots))
                        .configureSnapshotFilter(configuration -> LiquidityAccountSnapshotter.currentRevisionsOnly());
            }
            configurer.configureAggregate(aggregate);
        });
        registerSagasAndProjections(configurer, processors);
    }

    private static <A> AggregateConfigurer<A> cached(Class<A> type, Cache aggregateCache) {
        return AggregateConfigurer.defaultConfiguration(type).configureCache(configuration -> aggregateCache);
    }

    private static void registerSagasAndProjections(Configurer configurer, ProcessorSettings settings) {
        configurer.eventProcessing(processing -> {
            SAGA_TYPES.forEach(processing::registerSaga);
            registerProcessors(processing, settings);
        });
        // A policy is registered like a projection; its processing group's durable token tells them apart.
        configurer.registerMessageHandler(configuration -> new SuspendedQueuesPolicy());
        configurer.registerMessageHandler(configuration -> new BusinessDayPolicy());
        for (Object projection : newProjections()) {
            // As a message handler: Axon subscribes its event handlers and its query handlers.
            configurer.registerMessageHandler(configuration -> projection);
        }
    }

    /**
     * Every saga, policy and projection runs on a pooled streaming processor (unless {@code settings} say
     * tracking), from the tail of the event store when it has no token yet: Axon would start a saga's or
     * policy's processor at the head, taken whenever its thread gets to it, and an event stored before then
     * (the first payment, the demo's opening pledges) would never reach it; a projection in memory replays
     * the whole store at every start. A node that has a saga's or policy's token keeps it.
     *
     * <p>Each pooled processor has one coordinator thread, which reads the event stream ahead, and one
     * worker thread per segment, which handles the events in batches of at most
     * {@link ProcessorSettings#batchSizeMax()}: one segment, so one worker, for all but the payment
     * settlement saga (the projections' in-memory maps assume one writer). The coordinators are woken by
     * {@link EventArrivalSource} when an event is stored: without it, on Axon's embedded event store, each
     * looked for new events only every 500 ms, and the sagas, each of whose steps waits for the event the
     * previous step stored, ran about five times slower than on tracking processors (see BENCHMARKS.md).
     *
     * <p>The projections' handlers are idempotent (positions and payments keep the aggregate sequence
     * number they last applied and ignore what is not newer; the others key what they add by the event's
     * identity or overwrite a value with the same value), so a batch redelivered after a failure changes
     * nothing.
     *
     * <p>The payment settlement saga may have several segments (threads). Its order stays right because Axon
     * places each saga instance in one segment (it draws the saga's id until the id falls in the segment
     * that handles the starting event's association value, the UETR), and every segment reads the whole
     * stream in the order of the global index, handling only the events of its own sagas. So all events of
     * one payment (its PaymentReceivedEvent, the payer account's LiquidityReservedEvent or
     * LiquidityReservationQueuedEvent with the same UETR, PaymentSettlingEvent, PaymentSettledEvent, ...)
     * are handled by one thread, in the order they were stored; only different payments run side by side.
     * The default is still one segment: a saga's commands run nested in its unit of work and keep the
     * accounts they touch locked until it commits (settling debits the payer and credits the payee), so
     * two segments settling A to B and B to A at once take the two accounts' locks in opposite orders.
     * Axon detects that deadlock and one unit of work rolls back and is retried: correct, but slow under
     * load. More segments want those commands sent outside the unit of work first.
     */
    private static void registerProcessors(EventProcessingConfigurer processing, ProcessorSettings settings) {
        if (settings.kind() == ProcessorSettings.Kind.TRACKING) {
            registerTrackingProcessors(processing, settings);
            return;
        }
        ArrivalSourceOfNode arrivals = new ArrivalSourceOfNode();
        for (List<String> groups : List.of(ProcessingGroups.SAGAS, ProcessingGroups.POLICIES,
                ProcessingGroups.PROJECTIONS)) {
            for (String group : groups) {
                processing.registerPooledStreamingEventProcessor(group, arrivals::of,
                        pooled(settings, segmentsOf(group, settings)));
            }
        }
    }

    private static int segmentsOf(String group, ProcessorSettings settings) {
        return group.equals(ProcessingGroups.PAYMENT_SETTLEMENT_SAGA) ? settings.paymentSettlementSagaSegments() : 1;
    }

    private static EventProcessingConfigurer.PooledStreamingProcessorConfiguration pooled(ProcessorSettings settings,
                                                                                          int segments) {
        return (configuration, builder) -> builder
                .initialSegmentCount(segments)
                .maxClaimedSegments(segments)
                .batchSize(settings.batchSizeMax())
                .tokenClaimInterval(settings.tokenClaimInterval().toMillis())
                .claimExtensionThreshold(settings.claimExtensionThreshold().toMillis())
                .initialToken(StreamableMessageSource::createTailToken)
                // Axon's default is four workers per processor whatever its segments: a segment is handled by
                // one thread at a time, so more than one per segment only wait.
                .workerExecutor(name -> {
                    ScheduledExecutorService workers =
                            Executors.newScheduledThreadPool(segments, new AxonThreadFactory("WorkPackage[" + name + "]"));
                    configuration.onShutdown(workers::shutdown);
                    return workers;
                });
    }

    /** What the core ran on before pooled processors: each segment a thread that reads and handles in turn. */
    private static void registerTrackingProcessors(EventProcessingConfigurer processing, ProcessorSettings settings) {
        ProcessingGroups.SAGAS.forEach(group -> {
            int segments = segmentsOf(group, settings);
            processing.registerTrackingEventProcessorConfiguration(group, configuration ->
                    TrackingEventProcessorConfiguration.forParallelProcessing(segments)
                            .andInitialSegmentsCount(segments)
                            .andBatchSize(settings.batchSizeMax())
                            .andInitialTrackingToken(StreamableMessageSource::createTailToken));
        });
    }

    /**
     * One {@link EventArrivalSource} (so one watching thread) for all the pooled processors of a node, made
     * when the first of them is built and closed when the node stops: after the processors, which stop in
     * the phase {@link Phase#INBOUND_EVENT_CONNECTORS}, and before the event store, which stops after them.
     */
    private static final class ArrivalSourceOfNode {
        private EventArrivalSource source;

        synchronized EventArrivalSource of(Configuration configuration) {
            if (source == null) {
                source = new EventArrivalSource(configuration.eventStore());
                configuration.onShutdown(Phase.INBOUND_EVENT_CONNECTORS - 5, source::close);
            }
            return source;
        }
    }
}
