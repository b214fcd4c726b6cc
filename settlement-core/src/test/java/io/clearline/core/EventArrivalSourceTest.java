package io.clearline.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A pooled processor's stream calls it back when an event is stored, so that it need not look every 500 ms. */
class EventArrivalSourceTest {
    /** A bound on waiting for something that must happen, only so that a broken build fails instead of hanging. */
    private static final long CALL_WAIT_MAX_SECONDS = 30;

    private final EmbeddedEventStore eventStore =
            EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    private final EventArrivalSource source = new EventArrivalSource(eventStore);

    @AfterEach
    void stop() {
        source.close();
        eventStore.shutDown();
    }

    @Test
    void aStreamOfTheEmbeddedEventStoreIsCalledBackWhenAnEventIsStoredAndThenHasIt() throws Exception {
        Semaphore calls = new Semaphore(0);
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(eventStore.createTailToken())) {
            assertThat(stream.setOnAvailableCallback(calls::release)).as("call-backs supported").isTrue();
            assertThat(calls.tryAcquire(CALL_WAIT_MAX_SECONDS, TimeUnit.SECONDS))
                    .as("called back once when the watching starts, for what came before it").isTrue();
            assertThat(stream.hasNextAvailable()).isFalse();

            eventStore.publish(GenericEventMessage.asEventMessage("stored"));

            assertThat(calls.tryAcquire(CALL_WAIT_MAX_SECONDS, TimeUnit.SECONDS)).as("called back").isTrue();
            assertThat(stream.hasNextAvailable()).as("the event is there when the call-back comes").isTrue();
            assertThat(stream.nextAvailable().getPayload()).isEqualTo("stored");
        }
    }

    @Test
    void aClosedStreamIsNoLongerCalledBack() {
        BlockingStream<TrackedEventMessage<?>> closed = source.openStream(eventStore.createTailToken());
        closed.setOnAvailableCallback(() -> { });
        try (BlockingStream<TrackedEventMessage<?>> open = source.openStream(eventStore.createTailToken())) {
            open.setOnAvailableCallback(() -> { });
            assertThat(source.callBacksRegistered()).isEqualTo(2);

            closed.close();

            assertThat(source.callBacksRegistered()).isEqualTo(1);
        }
        assertThat(source.callBacksRegistered()).isZero();
    }

    @Test
    void aStoreThatCallsBackItselfIsLeftToDoSoWithoutAWatchingThread() {
        try (EventArrivalSource overCallingBackStore = new EventArrivalSource(new CallingBackStore());
             BlockingStream<TrackedEventMessage<?>> stream = overCallingBackStore.openStream(null)) {
            assertThat(stream.setOnAvailableCallback(() -> { })).isTrue();
            assertThat(overCallingBackStore.watching()).isFalse();
        }
    }

    @Test
    void afterClosingTheSourceAStreamSaysItCannotCallBackSoTheProcessorLooksByItself() {
        source.close();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(eventStore.createTailToken())) {
            assertThat(stream.setOnAvailableCallback(() -> { })).isFalse();
            assertThat(source.watching()).isFalse();
        }
    }

    /** Stands for a store with call-backs of its own (Axon Server's): it takes every call-back. */
    private static final class CallingBackStore implements StreamableMessageSource<TrackedEventMessage<?>> {
        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.empty();
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return false;
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    throw new IllegalStateException("this store holds no events");
                }

                @Override
                public void close() {
                }

                @Override
                public boolean setOnAvailableCallback(Runnable callback) {
                    return true;
                }
            };
        }
    }
}
