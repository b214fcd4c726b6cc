package io.clearline.ops.transport;

import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import io.clearline.flows.transport.http.HttpTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The transport as operators watch it, read at each scrape.
 *
 * <p>On the networked transport ({@link HttpTransport}): {@code clearline_transport_backlog_envelopes{peer}},
 * envelopes queued for each peer and not yet taken by it (the alert ClearlineTransportBacklogHigh watches
 * it; a peer appears once this node has sent to it, at most {@code HttpTransportSettings.PEERS_MAX}), and
 * the counters since start {@code clearline_transport_envelopes_sent_total},
 * {@code clearline_transport_batches_failed_total} (a peer down, refusing or full),
 * {@code clearline_transport_envelopes_received_total},
 * {@code clearline_transport_envelopes_refused_total} (from a peer that may not speak for their sender) and
 * {@code clearline_transport_batches_busy_total} (answered 503: this node's inbound queue was full).
 *
 * <p>On the in-memory transport of the embedded default, only what it has: the backlog gauge with
 * {@code peer} this node's own name, the envelopes queued for delivery within the process. No counters:
 * nothing crosses a network, and a count of loopback deliveries would be a second payments counter.
 */
final class TransportMetrics {
    static final String REFRESH_PROPERTY = "clearline.metrics.transport.refresh-interval";
    static final String BACKLOG = "clearline.transport.backlog.envelopes";
    private static final String BACKLOG_DESCRIPTION = "Envelopes queued for the peer node and not yet taken by it";

    private final MeterRegistry registry;
    private final Transport transport;
    private final Set<String> peersMeasured = ConcurrentHashMap.newKeySet();

    TransportMetrics(MeterRegistry registry, String nodeName, Transport transport) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.transport = Objects.requireNonNull(transport, "transport");
        if (transport instanceof HttpTransport http) {
            counter("clearline.transport.envelopes.sent", http, t -> t.counters().sentEnvelopes(),
                    "Envelopes peer nodes took from this node");
            counter("clearline.transport.batches.failed", http, t -> t.counters().failedBatches(),
                    "Batches of envelopes a peer node did not take (down, refusing or full); the outbox resends");
            counter("clearline.transport.envelopes.received", http, t -> t.counters().receivedEnvelopes(),
                    "Envelopes taken from peer nodes for this node's sessions");
            counter("clearline.transport.envelopes.refused", http, t -> t.counters().refusedSenderEnvelopes(),
                    "Envelopes refused because the peer node may not speak for their sender party");
            counter("clearline.transport.batches.busy", http, t -> t.counters().busyBatches(),
                    "Batches answered 503 because this node's inbound queue was full");
        } else if (transport instanceof InMemoryTransport inMemory) {
            Gauge.builder(BACKLOG, inMemory, InMemoryTransport::queuedEnvelopes).tag("peer", nodeName)
                    .description(BACKLOG_DESCRIPTION + " (in memory: queued within this process)").register(registry);
        }
        refreshPeers();
    }

    private void counter(String name, HttpTransport http, ToDoubleFunction<HttpTransport> value, String description) {
        FunctionCounter.builder(name, http, value).description(description).register(registry);
    }

    /** Adds a backlog gauge for each peer the transport has begun sending to since the last refresh. */
    @Scheduled(initialDelayString = "${" + REFRESH_PROPERTY + "}", fixedDelayString = "${" + REFRESH_PROPERTY + "}")
    void refreshPeers() {
        if (transport instanceof HttpTransport http) {
            for (String peer : http.backlogByPeer().keySet()) {
                if (peersMeasured.add(peer)) {
                    Gauge.builder(BACKLOG, http, t -> t.backlog(peer)).tag("peer", peer)
                            .description(BACKLOG_DESCRIPTION).register(registry);
                }
            }
        }
    }
}
