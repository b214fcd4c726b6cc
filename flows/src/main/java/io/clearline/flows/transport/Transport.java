package io.clearline.flows.transport;

import java.util.function.Consumer;

/**
 * Carries envelopes between nodes, at least once if the sender resends until it is acknowledged: a
 * transport may lose, delay, duplicate and reorder envelopes, and the sessions above it
 * (sequence numbers, an inbox that drops duplicates, an outbox that resends) make up for all four.
 * Implementations: {@link InMemoryTransport} for nodes in one process; a networked one, authenticated
 * peer to peer, for nodes in separate processes.
 *
 * <p>WARNING: a receiver is called on the transport's own threads and must not block for long; it
 * stores the envelope and returns (the sessions' inbox does).
 */
public interface Transport extends AutoCloseable {
    /**
     * Delivers envelopes addressed to {@code node} to {@code receiver} from now on.
     *
     * @throws IllegalStateException if the node has a receiver already
     */
    void register(String node, Consumer<Envelope> receiver);

    /** Stops delivering to {@code node} (it is shutting down); envelopes queued for it are lost, which resending makes up for. */
    void unregister(String node);

    /**
     * Hands an envelope over for delivery and returns without waiting for it.
     *
     * @return false if the transport has no room for it now (its queue for the recipient is full) or
     *         knows no such recipient: the sender keeps it and resends later
     */
    boolean send(Envelope envelope);

    /** Stops delivering; envelopes still queued are lost, which resending makes up for. */
    @Override
    void close();
}
