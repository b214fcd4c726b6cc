package io.clearline.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the pooled streaming processors read it: the same streams, which also call their
 * processor back as soon as a new event has been stored.
 *
 * <p>Why: a pooled processor's coordinator that has read everything asks its stream to call it back when
 * more arrives ({@code BlockingStream.setOnAvailableCallback}). Axon's embedded event store (every
 * storage the node has: JPA or JDBC on H2 or PostgreSQL, and the in-memory one of the tests) does not
 * offer that, so Axon 4.12's {@code Coordinator} looks again only 500 ms later, a delay written into its
 * code. A saga step waits for the event the previous step stored, so every step of a payment waited
 * a quarter of a second on average; a tracking processor instead blocks on the store's own signal and
 * wakes at once. Here one thread per node blocks on that same signal, on a stream of its own at the head
 * of the event store, and calls every registered processor back when an event arrives; the processor then
 * reads it from its own stream straight away. Where the store does offer call-backs itself, its own is
 * used and this thread is never started.
 *
 * <p>WARNING: {@link #close()} it when the node stops (before the event store); the thread is a daemon
 * thread, so a forgotten one does not keep the JVM alive, but it does keep its stream open.
 */
public final class EventArrivalSource implements StreamableMessageSource<TrackedEventMessage<?>>, AutoCloseable {
    /**
     * How long the watching thread waits on the event store before it checks whether it was closed, and
     * waits again: it is woken at once by an event, so this only bounds how long closing may take.
     */
    static final Duration WAIT_MAX = Duration.ofSeconds(1);
    /** After a failure to read the store (a database gone away), before the watching thread tries again. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);
    /**
     * How long a stream that was just told an event arrived may wait for it, once, when it does not see it at
     * the first look: the embedded event store can hand an event to one stream (the watching one) a moment
     * before another stream of it, which has to reopen its own reading of the store to see it.
     */
    static final Duration ANNOUNCED_EVENT_WAIT_MAX = Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(EventArrivalSource.class.getName());

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final Set<CallingBackStream> callbacks = ConcurrentHashMap.newKeySet();
    private final Object lifecycle = new Object();
    /** Guarded by {@link #lifecycle}. */
    private Thread watcher;
    private volatile boolean closed;

    public EventArrivalSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore) {
        this.eventStore = Objects.requireNonNull(eventStore, "eventStore");
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        return new CallingBackStream(eventStore.openStream(trackingToken));
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    /** Stops the watching thread and waits for it; streams opened before stay usable, without call-backs. */
    @Override
    public void close() {
        Thread stopping;
        synchronized (lifecycle) {
            closed = true;
            stopping = watcher;
            watcher = null;
        }
        callbacks.clear();
        if (stopping != null) {
            stopping.interrupt();
            try {
                stopping.join(WAIT_MAX.toMillis() * 2);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the watching thread runs: only once a processor waits on a store that cannot call back. */
    boolean watching() {
        synchronized (lifecycle) {
            return watcher != null && watcher.isAlive();
        }
    }

    /** How many streams are to be called back: each open stream of a pooled processor. */
    int callBacksRegistered() {
        return callbacks.size();
    }

    private boolean register(CallingBackStream stream) {
        synchronized (lifecycle) {
            if (closed) {
                return false;
            }
            callbacks.add(stream);
            if (watcher == null) {
                watcher = Thread.ofPlatform().daemon().name("clearline-event-arrival").unstarted(this::watch);
                watcher.start();
            }
            return true;
        }
    }

    private void watch() {
        while (!closed) {
            try (BlockingStream<TrackedEventMessage<?>> head = eventStore.openStream(eventStore.createHeadToken())) {
                // Whatever was stored between a processor's last look and this stream's start is behind the
                // head it starts from: one call-back makes every processor look again.
                callEveryProcessorBack();
                while (!closed) {
                    if (head.hasNextAvailable((int) WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)) {
                        // Only the fact that something arrived matters: the events are passed over unread
                        // (their payloads are deserialised lazily, so never here).
                        while (head.hasNextAvailable()) {
                            head.nextAvailable();
                        }
                        callEveryProcessorBack();
                    }
                }
            } catch (InterruptedException interrupted) {
                return;
            } catch (RuntimeException failure) {
                // The processors still look on their own every claim interval; this thread tries again.
                LOG.log(System.Logger.Level.WARNING, "could not follow the event store; trying again in "
                        + RETRY_AFTER_FAILURE, failure);
                try {
                    Thread.sleep(RETRY_AFTER_FAILURE);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private void callEveryProcessorBack() {
        for (CallingBackStream stream : callbacks) {
            try {
                stream.announceArrival();
            } catch (RuntimeException failure) {
                LOG.log(System.Logger.Level.WARNING, "an event processor's call-back failed", failure);
            }
        }
    }

    /** A stream of the event store that calls back through {@link EventArrivalSource} when it cannot itself. */
    private final class CallingBackStream implements BlockingStream<TrackedEventMessage<?>> {
        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final AtomicBoolean arrivalAnnounced = new AtomicBoolean();
        private volatile Runnable callback;

        private CallingBackStream(BlockingStream<TrackedEventMessage<?>> stream) {
            this.stream = stream;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            Objects.requireNonNull(callback, "callback");
            if (stream.setOnAvailableCallback(callback)) {
                return true;
            }
            this.callback = callback;
            return register(this);
        }

        private void announceArrival() {
            arrivalAnnounced.set(true);
            Runnable registered = callback;
            if (registered != null) {
                registered.run();
            }
        }

        /**
         * As the store's stream; but after an arrival was announced, a stream that does not see the event at
         * once waits for it up to {@link #ANNOUNCED_EVENT_WAIT_MAX}, instead of answering no. The coordinator
         * of a pooled processor told no would sleep until its next claim interval.
         */
        @Override
        public boolean hasNextAvailable() {
            if (stream.hasNextAvailable()) {
                arrivalAnnounced.set(false);
                return true;
            }
            if (!arrivalAnnounced.getAndSet(false)) {
                return false;
            }
            try {
                return stream.hasNextAvailable((int) ANNOUNCED_EVENT_WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return stream.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return stream.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            callbacks.remove(this);
            stream.close();
        }
    }
}
