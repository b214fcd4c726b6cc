package io.clearline.flows.transport.http;

import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes registered on this transport: for each, a bounded queue of received envelopes emptied in
 * order by a thread of its own into the node's receiver. A batch is taken whole or not at all, so an
 * answer of 503 means that none of it was taken.
 */
final class LocalReceivers {
    private static final Logger LOG = LoggerFactory.getLogger(LocalReceivers.class);
    /** Put in a queue to stop its delivery thread once it has delivered what it holds in hand. */
    private static final Envelope STOP = new Envelope("-", "-", "-", "-", "-", 0, EnvelopeKind.END, new byte[0]);

    /** Whether a batch was taken, and if not, why. */
    enum Outcome { TAKEN, NO_SUCH_NODE, FULL }

    private final int queueEnvelopesMax;
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();

    LocalReceivers(int queueEnvelopesMax) {
        this.queueEnvelopesMax = queueEnvelopesMax;
    }

    void register(String node, Consumer<Envelope> receiver) {
        Delivery delivery = new Delivery(node, new ArrayBlockingQueue<>(queueEnvelopesMax), receiver);
        if (deliveries.putIfAbsent(node, delivery) != null) {
            throw new IllegalStateException("node " + node + " has a receiver already");
        }
        Thread.ofVirtual().name("http-transport-deliver-to-" + node).start(delivery::deliverAll);
    }

    void unregister(String node) {
        Delivery delivery = deliveries.remove(node);
        if (delivery != null) {
            delivery.stop();
        }
    }

    void closeAll() {
        deliveries.keySet().forEach(this::unregister);
    }

    boolean hosts(String node) {
        return deliveries.containsKey(node);
    }

    /**
     * Queues every envelope of the batch for its recipient node, or none. Only the delivery threads
     * take from the queues, so the room counted here can only grow before the envelopes are added.
     */
    synchronized Outcome offerAll(List<Envelope> batch) {
        Map<String, Integer> needed = new HashMap<>();
        for (Envelope envelope : batch) {
            if (!deliveries.containsKey(envelope.recipientNode())) {
                return Outcome.NO_SUCH_NODE;
            }
            needed.merge(envelope.recipientNode(), 1, Integer::sum);
        }
        for (Map.Entry<String, Integer> entry : needed.entrySet()) {
            if (deliveries.get(entry.getKey()).queue.remainingCapacity() < entry.getValue()) {
                return Outcome.FULL;
            }
        }
        for (Envelope envelope : batch) {
            if (!deliveries.get(envelope.recipientNode()).queue.offer(envelope)) {
                throw new IllegalStateException("the room counted for " + envelope + " was taken by another thread");
            }
        }
        return Outcome.TAKEN;
    }

    private static final class Delivery {
        final String node;
        final BlockingQueue<Envelope> queue;
        final Consumer<Envelope> receiver;
        volatile boolean stopped;

        Delivery(String node, BlockingQueue<Envelope> queue, Consumer<Envelope> receiver) {
            this.node = node;
            this.queue = queue;
            this.receiver = receiver;
        }

        void deliverAll() {
            while (!stopped) {
                Envelope envelope;
                try {
                    envelope = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (envelope == STOP) {
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

        /**
         * Never interrupts the thread: the sessions' inbox survives an interrupted store (the envelope is
         * then stored and acted on, or left unacknowledged and resent; see InterruptedReceiverTest), but an
         * interrupt left set would end this thread's next {@code take()} and every later delivery with it.
         * It finishes the envelope in hand, then meets the stop.
         */
        void stop() {
            stopped = true;
            queue.clear();
            queue.offer(STOP);
        }
    }
}
