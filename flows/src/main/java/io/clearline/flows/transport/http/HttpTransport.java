package io.clearline.flows.transport.http;

import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.Transport;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Carries envelopes between node processes over HTTP/2 and mutual TLS 1.3: Jetty receives, the JDK's
 * HttpClient sends. Each node shows a certificate the network root issued for its TLS key, naming
 * the node; each side trusts the root's key alone, so a peer without a certificate, or with one the
 * root did not issue, is refused at the handshake. A received envelope is delivered only when its
 * sender node is the node the certificate names and its sender party is hosted there (by
 * {@link PartyHosts}); anything else is refused, logged and counted.
 *
 * <p>Sending queues the envelope for its recipient node (one bounded queue and one sender thread per
 * peer, envelopes POSTed in batches, in order) and returns at once. It returns false when that queue
 * is full, the peer's address is unknown, or a batch to the peer failed within the backoff: the
 * sessions' outbox keeps the envelope and resends it, which is what makes a peer that was down
 * receive everything once it returns. Receiving answers 503 when the local receiver's queue has no
 * room, and the sender backs off.
 *
 * <pre>{@code
 * try (HttpTransport transport = HttpTransport.start(identity, networkRootKey, addresses, hosts, settings)) {
 *     transport.register("bank-a", inbox::take);
 *     transport.send(envelope);                       // false: keep it and resend later
 *     transport.backlogByPeer();                      // for the "transport backlog per peer" gauge
 * }
 * }</pre>
 *
 * @see HttpTransportSettings for every limit
 */
public final class HttpTransport implements Transport {
    private final TlsIdentity identity;
    private final PublicKey networkRoot;
    private final PeerAddresses addresses;
    private final HttpTransportSettings settings;
    private final Clock clock;
    private final LocalReceivers receivers;
    private final EnvelopeHandler handler;
    private final Server server;
    private final ServerConnector connector;
    private final Map<String, OutboundPeer> peers = new ConcurrentHashMap<>();
    private final AtomicLong sentEnvelopes = new AtomicLong();
    private final AtomicLong failedBatches = new AtomicLong();
    private volatile boolean closed;

    private HttpTransport(TlsIdentity identity, PublicKey networkRoot, PeerAddresses addresses, PartyHosts partyHosts,
                          HttpTransportSettings settings, Clock clock) {
        this.identity = Objects.requireNonNull(identity, "identity");
        this.networkRoot = Objects.requireNonNull(networkRoot, "networkRoot");
        this.addresses = Objects.requireNonNull(addresses, "addresses");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.receivers = new LocalReceivers(settings.inboundQueueEnvelopesMax());
        this.handler = new EnvelopeHandler(receivers, Objects.requireNonNull(partyHosts, "partyHosts"), settings);
        QueuedThreadPool threads = new QueuedThreadPool(settings.serverThreadsMax(),
                Math.min(4, settings.serverThreadsMax()));
        threads.setName("http-transport-server-" + identity.nodeName());
        this.server = new Server(threads);
        this.connector = connector(server);
        server.addConnector(connector);
        server.setHandler(handler);
    }

    /**
     * Starts listening on {@code settings}' host and port, TLS with {@code identity}, trusting
     * certificates issued by {@code networkRoot}'s key alone.
     *
     * @throws IllegalStateException when the server cannot listen (the port is taken)
     */
    public static HttpTransport start(TlsIdentity identity, PublicKey networkRoot, PeerAddresses addresses,
                                      PartyHosts partyHosts, HttpTransportSettings settings) {
        return start(identity, networkRoot, addresses, partyHosts, settings, Clock.systemUTC());
    }

    /** As {@link #start(TlsIdentity, PublicKey, PeerAddresses, PartyHosts, HttpTransportSettings)}, checking certificates' validity by {@code clock}. */
    public static HttpTransport start(TlsIdentity identity, PublicKey networkRoot, PeerAddresses addresses,
                                      PartyHosts partyHosts, HttpTransportSettings settings, Clock clock) {
        HttpTransport transport = new HttpTransport(identity, networkRoot, addresses, partyHosts, settings, clock);
        try {
            transport.server.start();
        } catch (Exception e) {
            transport.close();
            throw new IllegalStateException("the transport of node " + identity.nodeName() + " cannot listen on "
                    + settings.bindHost() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return transport;
    }

    private ServerConnector connector(Server jetty) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // Node certificates name nodes, not hosts: the client checks the name (NetworkRootTrust), not SNI.
        secure.setSniHostCheck(false);
        secure.setSniRequired(false);
        http.addCustomizer(secure);
        HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(http2.getProtocol());
        alpn.setDefaultProtocol(http2.getProtocol());
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setSslContext(MutualTls.context(identity, networkRoot, null, clock));
        tls.setIncludeProtocols(MutualTls.PROTOCOL);
        tls.setNeedClientAuth(true);
        tls.setEndpointIdentificationAlgorithm(null);
        ServerConnector serverConnector = new ServerConnector(jetty, new SslConnectionFactory(tls, alpn.getProtocol()),
                alpn, http2);
        serverConnector.setHost(settings.bindHost());
        serverConnector.setPort(settings.port());
        serverConnector.setIdleTimeout(settings.idleTimeout().toMillis());
        return serverConnector;
    }

    /** The port the server listens on (the free one picked when the settings said 0). */
    public int port() {
        return connector.getLocalPort();
    }

    public String nodeName() {
        return identity.nodeName();
    }

    @Override
    public void register(String node, Consumer<Envelope> receiver) {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(receiver, "receiver");
        if (closed) {
            throw new IllegalStateException("the transport of node " + identity.nodeName() + " is closed");
        }
        receivers.register(node, receiver);
    }

    @Override
    public void unregister(String node) {
        receivers.unregister(node);
    }

    @Override
    public boolean send(Envelope envelope) {
        if (closed) {
            return false;
        }
        OutboundPeer peer = peers.get(envelope.recipientNode());
        if (peer == null) {
            peer = newPeer(envelope.recipientNode());
            if (peer == null) {
                return false;
            }
        }
        return peer.offer(envelope);
    }

    /** The peer's way, made at the first send to it; null when its address is unknown or the peer limit is reached. */
    private synchronized OutboundPeer newPeer(String node) {
        OutboundPeer existing = peers.get(node);
        if (existing != null || closed) {
            return existing;
        }
        if (peers.size() >= settings.peersMax() || addresses.addressOf(node).isEmpty()) {
            return null;
        }
        OutboundPeer peer = new OutboundPeer(node, addresses, MutualTls.context(identity, networkRoot, node, clock),
                settings, sentEnvelopes, failedBatches);
        peers.put(node, peer);
        return peer;
    }

    /** Envelopes queued for {@code peer} and not yet sent: the "transport backlog per peer" metric. */
    public int backlog(String peer) {
        OutboundPeer way = peers.get(peer);
        return way == null ? 0 : way.backlog();
    }

    /** Every peer sent to so far, by name, with its backlog. */
    public Map<String, Integer> backlogByPeer() {
        Map<String, Integer> backlogs = new TreeMap<>();
        peers.forEach((node, peer) -> backlogs.put(node, peer.backlog()));
        return backlogs;
    }

    /** Counters since start (kept after close), for metrics: what went out, what came in, what was refused or failed. */
    public Counters counters() {
        return new Counters(sentEnvelopes.get(), failedBatches.get(), handler.receivedEnvelopes(),
                handler.refusedSenderEnvelopes(), handler.busyBatches());
    }

    /**
     * @param sentEnvelopes             envelopes peers took
     * @param failedBatches             batches a peer did not take (down, refusing or full)
     * @param receivedEnvelopes         envelopes taken from peers for local receivers
     * @param refusedSenderEnvelopes    envelopes refused because the peer may not speak for their sender
     * @param busyBatches               batches answered 503 because a local receiver's queue was full
     */
    public record Counters(long sentEnvelopes, long failedBatches, long receivedEnvelopes, long refusedSenderEnvelopes,
                           long busyBatches) {
    }

    @Override
    public void close() {
        closed = true;
        peers.values().forEach(OutboundPeer::close);
        peers.clear();
        receivers.closeAll();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the transport of node " + identity.nodeName() + " did not stop", e);
        }
    }
}
