package io.clearline.core.common;

import java.util.Objects;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;

/**
 * Lets a projection handle each event of the store once, keyed by the event's position in the store (its
 * tracking token): a pooled processor that fails a batch claims its segment again from the last token it
 * stored and delivers the events after it once more, and a projection that appends or moves state between
 * periods would count them twice. Events reach a projection in the order of the store (one segment), so
 * the token of the last event handled covers every event handled before it.
 *
 * <p>Usage, in a projection (Axon calls it around each of the projection's event handlers):
 * <pre>{@code
 * private final HandledOnce handledOnce = new HandledOnce();
 * @MessageHandlerInterceptor(messageType = EventMessage.class)
 * void once(EventMessage<?> event, InterceptorChain chain) throws Exception {
 *     handledOnce.proceedIfNew(event, chain);
 * }
 * }</pre>
 * and {@link #forget()} in its reset handler. An event that is not a tracked one (one handed over by a
 * subscribing processor or a test) has no position and is always handled.
 */
public final class HandledOnce {
    /** Guarded by this. */
    private TrackingToken lastHandled;

    /** Runs the handler unless the event's position is covered by the last one handled. */
    public void proceedIfNew(EventMessage<?> event, InterceptorChain chain) throws Exception {
        Objects.requireNonNull(chain, "chain");
        if (isNew(event)) {
            chain.proceed();
        }
    }

    /** Whether {@code event} comes after every event handled so far; if so it counts as handled from now. */
    public synchronized boolean isNew(EventMessage<?> event) {
        Objects.requireNonNull(event, "event");
        if (!(event instanceof TrackedEventMessage<?> tracked) || tracked.trackingToken() == null) {
            return true;
        }
        TrackingToken position = tracked.trackingToken();
        if (lastHandled != null && lastHandled.covers(position)) {
            return false;
        }
        lastHandled = position;
        return true;
    }

    /** After the projection's state was cleared for a replay: every event is new again. */
    public synchronized void forget() {
        lastHandled = null;
    }
}
