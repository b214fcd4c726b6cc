package io.clearline.flows.transport.http;

import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * A network root and its nodes on loopback for the transport tests: each node's TLS identity is
 * issued by the root, node {@code node-x} hosts party {@code X}, and addresses are registered as
 * transports start.
 */
final class HttpTransportTesting {
    static final Duration WAIT_MAX = Duration.ofSeconds(30);
    static final Instant ISSUED_AT = Instant.now().minus(Duration.ofDays(1));

    final Ed25519.GeneratedKeyPair root = Ed25519.generate();
    final Map<String, URI> addresses = new ConcurrentHashMap<>();
    final PeerAddresses peerAddresses = node -> Optional.ofNullable(addresses.get(node));
    final PartyHosts partyHosts = party -> Optional.of("node-" + party.toLowerCase());

    TlsIdentity identity(String node) {
        return NetworkTls.issueNodeIdentity("Clearline network root", root.privateKey(), node, "Operator of " + node,
                ISSUED_AT);
    }

    HttpTransport start(String node, HttpTransportSettings settings) {
        return start(identity(node), settings);
    }

    HttpTransport start(TlsIdentity identity, HttpTransportSettings settings) {
        HttpTransport transport = HttpTransport.start(identity, NetworkTls.rootKey(root.publicKey()), peerAddresses,
                partyHosts, settings);
        addresses.put(identity.nodeName(), URI.create("https://127.0.0.1:" + transport.port()));
        return transport;
    }

    /** An identity for {@code node} issued by a root other than the network's. */
    static TlsIdentity rogueIdentity(String node) {
        return NetworkTls.issueNodeIdentity("Rogue root", Ed25519.generate().privateKey(), node, "Rogue", ISSUED_AT);
    }

    static Envelope envelope(String fromParty, String toParty, long sequenceNumber) {
        return new Envelope("node-" + fromParty.toLowerCase(), fromParty, "node-" + toParty.toLowerCase(), toParty,
                "session-1", sequenceNumber, EnvelopeKind.DATA,
                ("message " + sequenceNumber).getBytes(StandardCharsets.UTF_8));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for {@code condition}, failing after {@link #WAIT_MAX}: the tests wait for outcomes, never assert timing. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + WAIT_MAX + " for " + what);
            }
            Thread.sleep(10);
        }
    }
}
