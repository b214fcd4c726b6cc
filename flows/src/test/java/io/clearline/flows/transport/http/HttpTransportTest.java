package io.clearline.flows.transport.http;

import static io.clearline.flows.transport.http.HttpTransportTesting.await;
import static io.clearline.flows.transport.http.HttpTransportTesting.envelope;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clearline.flows.network.NetworkTls;
import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Two or three transports on loopback, each with a certificate from the test network's root. */
class HttpTransportTest {
    private final HttpTransportTesting network = new HttpTransportTesting();
    private final List<AutoCloseable> opened = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private HttpTransport start(String node) {
        return opened(network.start(node, HttpTransportSettings.LOOPBACK));
    }

    private static BlockingQueue<Envelope> receiverOn(HttpTransport transport, String node) {
        BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();
        transport.register(node, received::add);
        return received;
    }

    private static List<Envelope> take(BlockingQueue<Envelope> received, int count) throws InterruptedException {
        List<Envelope> taken = new ArrayList<>();
        for (int index = 0; index < count; index++) {
            Envelope envelope = received.poll(HttpTransportTesting.WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(envelope).as("envelope %d of %d", index, count).isNotNull();
            taken.add(envelope);
        }
        return taken;
    }

    @Test
    void envelopesSentToAPeerArriveWholeAndInOrderAndItsAnswersComeBack() throws Exception {
        HttpTransport nodeA = start("node-a");
        HttpTransport nodeB = start("node-b");
        BlockingQueue<Envelope> atA = receiverOn(nodeA, "node-a");
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        List<Envelope> sent = new ArrayList<>();
        for (int sequence = 0; sequence < 1_000; sequence++) {
            Envelope envelope = envelope("A", "B", sequence);
            sent.add(envelope);
            while (!nodeA.send(envelope)) {
                Thread.sleep(1);
            }
        }
        assertThat(take(atB, sent.size())).containsExactlyElementsOf(sent);
        assertThat(nodeB.send(sent.get(0).acknowledgement())).isTrue();
        assertThat(take(atA, 1)).containsExactly(sent.get(0).acknowledgement());
        // The answers to the last batches may still be on their way when the receiver has the envelopes.
        await("A to count 1,000 sent", () -> nodeA.counters().sentEnvelopes() == 1_000);
        await("B to count 1,000 received", () -> nodeB.counters().receivedEnvelopes() == 1_000);
        assertThat(nodeA.backlogByPeer()).containsEntry("node-b", 0);
    }

    @Test
    void aServerWhoseCertificateTheNetworkRootDidNotIssueIsRefusedAtTheHandshake() throws Exception {
        HttpTransport nodeA = start("node-a");
        HttpTransport impostor = opened(network.start(HttpTransportTesting.rogueIdentity("node-b"),
                HttpTransportSettings.LOOPBACK));
        BlockingQueue<Envelope> atImpostor = receiverOn(impostor, "node-b");

        assertThat(nodeA.send(envelope("A", "B", 0))).isTrue();
        await("the batch to the impostor to fail", () -> nodeA.counters().failedBatches() == 1);
        assertThat(atImpostor).isEmpty();
        assertThat(nodeA.send(envelope("A", "B", 1))).as("a send within the backoff fails fast").isFalse();
    }

    @Test
    void aClientWhoseCertificateTheNetworkRootDidNotIssueIsRefusedAtTheHandshake() throws Exception {
        HttpTransport nodeB = start("node-b");
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        // The impostor trusts the real root, so only its own certificate can fail the handshake.
        HttpTransport impostor = opened(HttpTransport.start(HttpTransportTesting.rogueIdentity("node-a"),
                NetworkTls.rootKey(network.root.publicKey()), network.peerAddresses, network.partyHosts,
                HttpTransportSettings.LOOPBACK));

        assertThat(impostor.send(envelope("A", "B", 0))).isTrue();
        await("the impostor's batch to fail", () -> impostor.counters().failedBatches() == 1);
        assertThat(atB).isEmpty();
        assertThat(nodeB.counters().receivedEnvelopes()).isZero();
    }

    @Test
    void aClientWithNoCertificateIsRefusedAtTheHandshake() throws Exception {
        HttpTransport nodeB = start("node-b");
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        SSLContext noCertificate = SSLContext.getInstance(MutualTls.PROTOCOL);
        noCertificate.init(null, new TrustManager[] {new NetworkRootTrust(NetworkTls.rootKey(network.root.publicKey()),
                "node-b", Clock.systemUTC())}, null);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(noCertificate)
                .build()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + nodeB.port()
                            + OutboundPeer.PATH)).timeout(HttpTransportTesting.WAIT_MAX)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(EnvelopeBatchCodec.encode(
                            List.of(envelope("A", "B", 0))))).build();
            assertThatThrownBy(() -> client.send(request, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(IOException.class);
        }
        assertThat(atB).isEmpty();
        assertThat(nodeB.counters().receivedEnvelopes()).isZero();
    }

    @Test
    void aNodeSpeakingForAPartyItDoesNotHostIsRefusedLoggedAndCounted() throws Exception {
        HttpTransport nodeA = start("node-a");
        HttpTransport nodeB = start("node-b");
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        // Node A, authenticated as itself, claims party C (hosted by node C) ...
        Envelope partyOfAnotherNode = new Envelope("node-a", "C", "node-b", "B", "session-1", 0, EnvelopeKind.DATA,
                new byte[] {1});
        // ... and then to be node C itself.
        Envelope anotherNodesName = new Envelope("node-c", "C", "node-b", "B", "session-1", 1, EnvelopeKind.DATA,
                new byte[] {1});

        assertThat(nodeA.send(partyOfAnotherNode)).isTrue();
        await("the spoofed party to be refused", () -> nodeB.counters().refusedSenderEnvelopes() == 1);
        await("node A to see the refusal", () -> nodeA.counters().failedBatches() == 1);
        await("a send after the backoff", () -> nodeA.send(anotherNodesName));
        await("the spoofed node to be refused", () -> nodeB.counters().refusedSenderEnvelopes() == 2);
        await("node A to see the second refusal", () -> nodeA.counters().failedBatches() == 2);
        Envelope honest = envelope("A", "B", 2);
        await("the honest envelope to be sent", () -> nodeA.send(honest));
        assertThat(take(atB, 1)).as("only the honest envelope arrives").containsExactly(honest);
        assertThat(nodeB.counters().refusedSenderEnvelopes()).isEqualTo(2);
        assertThat(nodeA.counters().failedBatches()).isEqualTo(2);
    }

    @Test
    void aSenderClaimingAnotherNodesNameIsRefused() throws Exception {
        HttpTransport nodeB = start("node-b");
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        // Node A's certificate, but every envelope it sends says it comes from node C.
        HttpTransport nodeA = opened(HttpTransport.start(network.identity("node-a"),
                NetworkTls.rootKey(network.root.publicKey()), network.peerAddresses, network.partyHosts,
                HttpTransportSettings.LOOPBACK));
        Envelope claimingNodeC = new Envelope("node-c", "C", "node-b", "B", "session-1", 0, EnvelopeKind.DATA,
                new byte[] {1});

        assertThat(nodeA.send(claimingNodeC)).isTrue();
        await("the spoofed node to be refused", () -> nodeB.counters().refusedSenderEnvelopes() == 1);
        await("the sender to see the refusal", () -> nodeA.counters().failedBatches() == 1);
        assertThat(atB).isEmpty();
    }

    @Test
    void aSendBeyondTheOutboundQueueToAPeerReturnsFalse() throws Exception {
        // A peer that accepts connections and never answers: the first batch waits, the queue behind it fills.
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // The test is over.
                }
            });
            network.addresses.put("node-b", URI.create("https://127.0.0.1:" + silent.getLocalPort()));
            int queueMax = 8;
            HttpTransport nodeA = opened(network.start("node-a",
                    HttpTransportSettings.LOOPBACK.withQueues(queueMax, HttpTransportSettings.INBOUND_QUEUE_ENVELOPES_MAX,
                            1)));
            nodeA.send(envelope("A", "B", 0));
            await("the sender to take the first envelope", () -> nodeA.backlog("node-b") == 0);
            for (int sequence = 1; sequence <= queueMax; sequence++) {
                assertThat(nodeA.send(envelope("A", "B", sequence))).as("send %d", sequence).isTrue();
            }
            assertThat(nodeA.send(envelope("A", "B", queueMax + 1))).isFalse();
            assertThat(nodeA.backlog("node-b")).isEqualTo(queueMax);
            assertThat(nodeA.backlogByPeer()).containsExactlyEntriesOf(java.util.Map.of("node-b", queueMax));
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    /** Counted down when node B's receiver holds its first envelope. */
    private final CountDownLatch holding = new CountDownLatch(1);

    /** Node B, whose receiver holds its first envelope until {@code release} and whose queue holds one more. */
    private HttpTransport stuckReceiver(CountDownLatch release, BlockingQueue<Envelope> received) {
        HttpTransport nodeB = opened(network.start("node-b", HttpTransportSettings.LOOPBACK.withQueues(
                HttpTransportSettings.OUTBOUND_QUEUE_ENVELOPES_MAX, 1, 1)));
        nodeB.register("node-b", envelope -> {
            holding.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            received.add(envelope);
        });
        return nodeB;
    }

    @Test
    void aBatchAReceiverHasNoRoomForIsAnswered503AndSentAgainUntilThereIsRoom() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Envelope> atB = new LinkedBlockingQueue<>();
        HttpTransport nodeB = stuckReceiver(release, atB);
        HttpTransport nodeA = opened(network.start("node-a", HttpTransportSettings.LOOPBACK.withQueues(
                HttpTransportSettings.OUTBOUND_QUEUE_ENVELOPES_MAX, 1, 1)));
        List<Envelope> sent = List.of(envelope("A", "B", 0), envelope("A", "B", 1), envelope("A", "B", 2));
        assertThat(nodeA.send(sent.get(0))).isTrue();
        assertThat(holding.await(HttpTransportTesting.WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        sent.subList(1, 3).forEach(envelope -> assertThat(nodeA.send(envelope)).isTrue());

        // The receiver holds the first, its queue of one takes the second, the third finds it full.
        await("the peer to answer 503", () -> nodeB.counters().busyBatches() >= 1);
        release.countDown();
        assertThat(take(atB, 3)).containsExactlyElementsOf(sent);
        await("A to count 3 sent", () -> nodeA.counters().sentEnvelopes() == 3);
        assertThat(nodeA.counters().failedBatches()).as("nothing was left to the outbox").isZero();
    }

    @Test
    void aBatchAReceiverHasNoRoomForWithinTheRetriesIsLeftToTheOutboxAndTakenWhenResent() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        BlockingQueue<Envelope> atB = new LinkedBlockingQueue<>();
        HttpTransport nodeB = stuckReceiver(release, atB);
        int busyRetriesMax = 2;
        HttpTransport nodeA = opened(network.start("node-a", HttpTransportSettings.LOOPBACK.withQueues(
                HttpTransportSettings.OUTBOUND_QUEUE_ENVELOPES_MAX, 1, 1).withBusyRetries(busyRetriesMax,
                Duration.ofMillis(10))));
        List<Envelope> sent = List.of(envelope("A", "B", 0), envelope("A", "B", 1), envelope("A", "B", 2));
        assertThat(nodeA.send(sent.get(0))).isTrue();
        assertThat(holding.await(HttpTransportTesting.WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        sent.subList(1, 3).forEach(envelope -> assertThat(nodeA.send(envelope)).isTrue());

        await("the third batch to be given up", () -> nodeA.counters().failedBatches() == 1);
        assertThat(nodeB.counters().busyBatches()).isEqualTo(1 + busyRetriesMax);
        assertThat(nodeA.backlog("node-b")).isZero();

        release.countDown();
        // As the outbox would: resend the unacknowledged envelope until the transport takes it.
        await("the resent envelope to be taken", () -> nodeA.send(sent.get(2)));
        assertThat(take(atB, 3)).containsExactlyElementsOf(sent);
    }

    @Test
    void sendsToAPeerThatIsDownFailFastAndReachItOnceItIsBack() throws Exception {
        int port = HttpTransportTesting.freePort();
        network.addresses.put("node-b", URI.create("https://127.0.0.1:" + port));
        HttpTransport nodeA = start("node-a");

        assertThat(nodeA.send(envelope("A", "B", 0))).as("queued before anyone knows the peer is down").isTrue();
        await("the batch to fail", () -> nodeA.counters().failedBatches() == 1);
        assertThat(nodeA.send(envelope("A", "B", 1))).as("within the backoff").isFalse();
        assertThat(nodeA.backlog("node-b")).isZero();

        HttpTransport nodeB = start("node-b", port);
        BlockingQueue<Envelope> atB = receiverOn(nodeB, "node-b");
        Envelope resent = envelope("A", "B", 1);
        await("a resend to be taken", () -> nodeA.send(resent) && nodeA.counters().sentEnvelopes() >= 1);
        assertThat(take(atB, 1).get(0)).isEqualTo(resent);
    }

    private HttpTransport start(String node, int port) {
        return opened(network.start(node, HttpTransportSettings.LOOPBACK.withPort(port)));
    }
}
