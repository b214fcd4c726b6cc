package io.clearline.flows.transport.http;

import io.clearline.flows.transport.Envelope;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one batch per POST from an authenticated peer and answers 200 once every envelope is queued
 * for its local receiver. Refuses with a reason: 403 when an envelope's sender is not the node the
 * certificate names or a party that node does not host, 413 when the body is over the limit, 400 when
 * it is not a batch, 404 when a recipient node is not here, 503 when a recipient's queue has no room.
 */
final class EnvelopeHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeHandler.class);

    private final LocalReceivers receivers;
    private final PartyHosts partyHosts;
    private final HttpTransportSettings settings;
    private final AtomicLong receivedEnvelopes = new AtomicLong();
    private final AtomicLong refusedSenderEnvelopes = new AtomicLong();
    private final AtomicLong busyBatches = new AtomicLong();

    EnvelopeHandler(LocalReceivers receivers, PartyHosts partyHosts, HttpTransportSettings settings) {
        this.receivers = receivers;
        this.partyHosts = partyHosts;
        this.settings = settings;
    }

    long receivedEnvelopes() {
        return receivedEnvelopes.get();
    }

    long refusedSenderEnvelopes() {
        return refusedSenderEnvelopes.get();
    }

    long busyBatches() {
        return busyBatches.get();
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws IOException {
        if (!OutboundPeer.PATH.equals(Request.getPathInContext(request))) {
            return answer(response, callback, 404, "no such resource; envelopes go to " + OutboundPeer.PATH);
        }
        if (!"POST".equals(request.getMethod())) {
            return answer(response, callback, 405, "envelopes are POSTed");
        }
        Optional<String> peer = certifiedPeer(request);
        if (peer.isEmpty()) {
            return answer(response, callback, 403, "no client certificate");
        }
        long declaredBytes = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (declaredBytes > settings.requestBytesMax()) {
            return answer(response, callback, 413, "a batch has at most " + settings.requestBytesMax() + " bytes");
        }
        byte[] body;
        try (InputStream in = Content.Source.asInputStream(request)) {
            body = in.readNBytes(settings.requestBytesMax() + 1);
        }
        if (body.length > settings.requestBytesMax()) {
            return answer(response, callback, 413, "a batch has at most " + settings.requestBytesMax() + " bytes");
        }
        List<Envelope> batch;
        try {
            batch = EnvelopeBatchCodec.decode(body, settings.batchEnvelopesMax());
        } catch (IllegalArgumentException malformed) {
            LOG.warn("node {} sent a malformed batch: {}", peer.get(), malformed.getMessage());
            return answer(response, callback, 400, malformed.getMessage());
        }
        Optional<String> spoofed = refusalOfSenders(peer.get(), batch);
        if (spoofed.isPresent()) {
            refusedSenderEnvelopes.addAndGet(batch.size());
            LOG.warn("refused a batch of {} envelopes from node {}: {}", batch.size(), peer.get(), spoofed.get());
            return answer(response, callback, 403, spoofed.get());
        }
        return switch (receivers.offerAll(batch)) {
            case TAKEN -> {
                receivedEnvelopes.addAndGet(batch.size());
                yield answer(response, callback, 200, "");
            }
            case NO_SUCH_NODE -> answer(response, callback, 404, "a recipient node of the batch is not on this transport");
            case FULL -> {
                busyBatches.incrementAndGet();
                yield answer(response, callback, 503, "a recipient's queue is full; resend later");
            }
        };
    }

    /** Why a node authenticated as {@code peer} may not have sent this batch, or empty if it may. */
    private Optional<String> refusalOfSenders(String peer, List<Envelope> batch) {
        for (Envelope envelope : batch) {
            if (!envelope.senderNode().equals(peer)) {
                return Optional.of("node " + peer + " sent " + envelope + " in the name of node " + envelope.senderNode());
            }
            Optional<String> host = partyHosts.nodeOf(envelope.senderParty());
            if (!host.equals(Optional.of(peer))) {
                return Optional.of("node " + peer + " sent " + envelope + " for party " + envelope.senderParty()
                        + ", which " + host.map(node -> "node " + node + " hosts").orElse("no node hosts"));
            }
        }
        return Optional.empty();
    }

    /** The node the peer's certificate names; the handshake already checked that the network root issued it. */
    private static Optional<String> certifiedPeer(Request request) {
        EndPoint.SslSessionData tls = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
                instanceof EndPoint.SslSessionData data ? data
                : request.getConnectionMetaData().getConnection().getEndPoint().getSslSessionData();
        X509Certificate[] chain = tls == null ? null : tls.peerCertificates();
        if (chain == null || chain.length == 0) {
            return Optional.empty();
        }
        return Optional.of(CertificateNames.commonName(chain[0]));
    }

    private static boolean answer(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, message, callback);
        return true;
    }
}
