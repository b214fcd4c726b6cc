package io.clearline.core.liquidity;

import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.AggregateSnapshotter;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.GenericAggregateFactory;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.serialization.Revision;

/**
 * Snapshots of liquidity accounts, each one a {@link LiquidityAccountMemento} rather than the aggregate
 * itself (which Jackson cannot write). Axon rebuilds the account from its last snapshot and the events
 * since, as it would for any snapshot; {@link LiquidityAccount} restores itself from the memento.
 *
 * <p>A bank's account gains several events with every payment it sends or receives, so without
 * snapshots an account the cache no longer holds (after a restart, or when memory is short) is read
 * from the day's first event: its cost grows with the day's volume. With a snapshot every
 * {@code eventsBetweenSnapshots} events, a load reads at most that many events after the snapshot.
 *
 * <p>The snapshot is taken in the thread that committed the triggering command, after the commit (Axon's
 * default direct executor): no queue to bound, and a load never waits for one; the price is one read of
 * at most {@code eventsBetweenSnapshots} events on that command's thread, once per that many events.
 */
public final class LiquidityAccountSnapshotter extends AggregateSnapshotter {
    /** What a memento of another revision would need to be read; see {@link LiquidityAccountMemento}. */
    static final String MEMENTO_REVISION = LiquidityAccountMemento.class.getAnnotation(Revision.class).value();

    private LiquidityAccountSnapshotter(Builder builder) {
        super(builder);
    }

    /**
     * The trigger for {@code AggregateConfigurer.configureSnapshotTrigger}: a snapshot of an account once
     * {@code eventsBetweenSnapshots} events were applied to it since it was loaded or last snapshotted.
     *
     * @throws IllegalArgumentException if {@code eventsBetweenSnapshots} is not positive
     */
    public static SnapshotTriggerDefinition trigger(Configuration configuration, int eventsBetweenSnapshots) {
        if (eventsBetweenSnapshots <= 0) {
            throw new IllegalArgumentException("eventsBetweenSnapshots must be positive: " + eventsBetweenSnapshots);
        }
        Builder builder = AggregateSnapshotter.builder()
                .eventStore(configuration.eventStore())
                .transactionManager(configuration.getComponent(TransactionManager.class))
                .aggregateFactories(new GenericAggregateFactory<>(LiquidityAccount.class))
                .parameterResolverFactory(configuration.parameterResolverFactory())
                .handlerDefinition(configuration.handlerDefinition(LiquidityAccount.class));
        return new EventCountSnapshotTriggerDefinition(new LiquidityAccountSnapshotter(builder), eventsBetweenSnapshots);
    }

    /**
     * For {@code AggregateConfigurer.configureSnapshotFilter}: a memento of a revision this code does not
     * know is skipped, so the account is read from its first event instead of from a state it would
     * misread. Snapshots of anything else are left to other filters.
     */
    public static SnapshotFilter currentRevisionsOnly() {
        return snapshot -> !LiquidityAccountMemento.class.getName().equals(snapshot.getPayload().getType().getName())
                || MEMENTO_REVISION.equals(snapshot.getPayload().getType().getRevision());
    }

    /** Axon's snapshot of the account, with the memento as its payload in place of the account. */
    @Override
    protected DomainEventMessage<?> createSnapshot(Class<?> aggregateType, String aggregateIdentifier,
                                                   DomainEventStream eventStream) {
        DomainEventMessage<?> snapshot = super.createSnapshot(aggregateType, aggregateIdentifier, eventStream);
        if (snapshot == null || !(snapshot.getPayload() instanceof LiquidityAccount account)) {
            return snapshot;
        }
        return new GenericDomainEventMessage<>(snapshot.getType(), snapshot.getAggregateIdentifier(),
                snapshot.getSequenceNumber(), account.memento(), snapshot.getMetaData(), snapshot.getIdentifier(),
                snapshot.getTimestamp());
    }
}
