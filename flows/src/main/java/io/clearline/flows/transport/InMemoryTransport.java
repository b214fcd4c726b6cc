package io.clearline.flows.transport;

import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Nodes in one process: one bounded queue per recipient node, emptied in order by a thread of its
 * own. With {@link FaultPlan#NONE} (loopback in a single-process node) every envelope is delivered
 * once and in order; a test's fault plan drops, delays, reorders and duplicates them.
 *
 * <pre>{@code
 * try (Transport transport = new InMemoryTransport(FaultPlan.NONE)) {
 *     transport.register("node-a", envelope -> ...);
 *     transport.send(envelope);
 * }
 * }</pre>
 */
public final class InMemoryTransport implements Transport {
    /** Envelopes queued for one recipient node at most; a send beyond it is refused, and the sender resends later. */
    public static final int QUEUED_ENVELOPES_MAX = 4_096;
    /** Envelopes a fault plan holds back at once at most; beyond it, envelopes are delivered undelayed. */
    public static final int DELAYED_ENVELOPES_MAX = 4_096;
    /** Envelopes whose first sending a fault plan remembers having dropped; beyond it, none more is dropped. */
    public static final int DROPPED_REMEMBERED_MAX = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(InMemoryTransport.class);

    private final FaultPlan faults;
    private final Random random;
    private final int queuedEnvelopesMax;
    private final Map<String, BlockingQueue<Envelope>> queues = new ConcurrentHashMap<>();
    private final Set<Envelope> droppedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicInteger delayed = new AtomicInteger();
    private final ScheduledExecutorService delayer;
    private volatile boolean closed;

    public InMemoryTransport(FaultPlan faults) {
        this(faults, QUEUED_ENVELOPES_MAX);
    }

    public InMemoryTransport(FaultPlan faults, int queuedEnvelopesMax) {
        this.faults = Objects.requireNonNull(faults, "faults");
        if (queuedEnvelopesMax < 1) {
            throw new IllegalArgumentException("a queue holds at least one envelope: " + queuedEnvelopesMax);
        }
        this.queuedEnvelopesMax = queuedEnvelopesMax;
        this.random = faults.newRandom();
        this.delayer = faults.isNone() ? null : Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("in-memory-transport-delays").factory());
    }

    @Override
    public void register(String node, Consumer<Envelope> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        BlockingQueue<Envelope> queue = new ArrayBlockingQueue<>(queuedEnvelopesMax);
        if (queues.putIfAbsent(Objects.requireNonNull(node, "node"), queue) != null) {
            throw new IllegalStateException("node " + node + " has a receiver already");
        }
        Thread.ofVirtual().name("in-memory-transport-to-" + node).start(() -> deliverAll(node, queue, receiver));
    }

    @Override
    public void unregister(String node) {
        BlockingQueue<Envelope> queue = queues.remove(node);
        if (queue != null) {
            queue.clear();
            queue.offer(POISON);
        }
    }

    @Override
    public boolean send(Envelope envelope) {
        BlockingQueue<Envelope> queue = queues.get(envelope.recipientNode());
        if (closed || queue == null) {
            return false;
        }
        if (faults.isNone()) {
            return queue.offer(envelope);
        }
        Decision decision = decide(envelope);
        if (decision.drop) {
            return true;
        }
        if (decision.delayMillis > 0 && delayed.incrementAndGet() <= DELAYED_ENVELOPES_MAX) {
            delayer.schedule(() -> {
                delayed.decrementAndGet();
                queue.offer(envelope);
            }, decision.delayMillis, TimeUnit.MILLISECONDS);
        } else {
            if (decision.delayMillis > 0) {
                delayed.decrementAndGet();
            }
            if (!queue.offer(envelope)) {
                return false;
            }
        }
        if (decision.duplicate) {
            // The copy may be refused by a full queue: it is a fault, not a promise.
            queue.offer(envelope);
        }
        return true;
    }

    /**
     * Envelopes queued for a registered node and not yet delivered to its receiver, every node together
     * (envelopes a fault plan holds back are not counted): the in-memory transport's backlog, for metrics.
     */
    public int queuedEnvelopes() {
        int queued = 0;
        for (BlockingQueue<Envelope> queue : queues.values()) {
            queued += queue.size();
        }
        return queued;
    }

    @Override
    public void close() {
        closed = true;
        if (delayer != null) {
            delayer.shutdownNow();
        }
        queues.values().forEach(queue -> {
            queue.clear();
            queue.offer(POISON);
        });
    }

    /** One decision at a time, so that a seed gives the same decisions for the same order of sends. */
    private synchronized Decision decide(Envelope envelope) {
        boolean drop = random.nextDouble() < faults.dropFirstProbability()
                && droppedOnce.size() < DROPPED_REMEMBERED_MAX && droppedOnce.add(envelope);
        long delayMillis = random.nextDouble() < faults.delayProbability()
                ? 1 + random.nextLong(Math.max(1, faults.delayMax().toMillis())) : 0;
        boolean duplicate = random.nextDouble() < faults.duplicateProbability();
        return new Decision(drop, delayMillis, duplicate);
    }

    private void deliverAll(String node, BlockingQueue<Envelope> queue, Consumer<Envelope> receiver) {
        while (!closed) {
            Envelope envelope;
            try {
                envelope = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (envelope == POISON) {
                return;
            }
            try {
                receiver.accept(envelope);
            } catch (RuntimeException e) {
                // Unacknowledged, so its sender resends it: the receiver's failure costs a delay, not the envelope.
                LOG.warn("node {} could not take {}: {}", node, envelope, e.toString());
            }
        }
    }

    private record Decision(boolean drop, long delayMillis, boolean duplicate) {
    }

    private static final Envelope POISON = new Envelope("-", "-", "-", "-", "-", 0, EnvelopeKind.END, new byte[0]);
}
