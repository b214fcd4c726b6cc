package io.clearline.flows.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class InMemoryTransportTest {
    private static final int ENVELOPES = 200;
    private static final Duration WAIT_MAX = Duration.ofSeconds(10);

    private final List<Envelope> received = new CopyOnWriteArrayList<>();

    @Test
    void withoutFaultsEveryEnvelopeArrivesOnceAndInOrder() throws Exception {
        try (Transport transport = new InMemoryTransport(FaultPlan.NONE)) {
            transport.register("node-b", received::add);
            List<Envelope> sent = envelopes(ENVELOPES);
            sent.forEach(envelope -> assertThat(transport.send(envelope)).isTrue());
            awaitReceived(ENVELOPES);
            assertThat(received).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void aFaultPlanDuplicatesAndReordersButLosesNothingThatIsResent() throws Exception {
        FaultPlan faults = new FaultPlan(42, 0.2, 0.3, Duration.ofMillis(20), 0.3);
        try (Transport transport = new InMemoryTransport(faults)) {
            transport.register("node-b", received::add);
            List<Envelope> sent = envelopes(ENVELOPES);
            sent.forEach(transport::send);
            Thread.sleep(100);
            // What a sender's outbox does: resend whatever was not received yet.
            sent.stream().filter(envelope -> !received.contains(envelope)).forEach(transport::send);
            awaitDistinct(sent.size());
            assertThat(received).containsAll(sent);
            assertThat(received.size()).as("duplicates delivered").isGreaterThan(sent.size());
            assertThat(received.stream().distinct().toList()).as("order of first arrivals")
                    .isNotEqualTo(sent);
        }
    }

    @Test
    void anEnvelopeDroppedOnItsFirstSendingArrivesWhenResent() throws Exception {
        try (Transport transport = new InMemoryTransport(new FaultPlan(7, 1, 0, Duration.ZERO, 0))) {
            transport.register("node-b", received::add);
            Envelope envelope = envelopes(1).get(0);
            assertThat(transport.send(envelope)).isTrue();
            Thread.sleep(50);
            assertThat(received).isEmpty();
            transport.send(envelope);
            awaitReceived(1);
            assertThat(received).containsExactly(envelope);
        }
    }

    @Test
    void aFullQueueRefusesAnEnvelopeSoThatItsSenderResendsItLater() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        try (Transport transport = new InMemoryTransport(FaultPlan.NONE, 2)) {
            transport.register("node-b", envelope -> awaitQuietly(stuck));
            List<Envelope> sent = envelopes(4);
            // The first is taken by the blocked receiver, two fill the queue, the fourth is refused.
            assertThat(transport.send(sent.get(0))).isTrue();
            Thread.sleep(50);
            assertThat(transport.send(sent.get(1))).isTrue();
            assertThat(transport.send(sent.get(2))).isTrue();
            assertThat(transport.send(sent.get(3))).isFalse();
            stuck.countDown();
        }
    }

    @Test
    void anEnvelopeForAnUnknownNodeIsRefused() {
        try (Transport transport = new InMemoryTransport(FaultPlan.NONE)) {
            assertThat(transport.send(envelopes(1).get(0))).isFalse();
        }
    }

    @Test
    void aNodeHasOneReceiver() {
        try (Transport transport = new InMemoryTransport(FaultPlan.NONE)) {
            transport.register("node-b", received::add);
            assertThatThrownBy(() -> transport.register("node-b", received::add))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("node-b");
        }
    }

    @Test
    void anAcknowledgementRepeatsTheKeyWithSenderAndRecipientSwapped() {
        Envelope data = envelopes(1).get(0);
        Envelope ack = data.acknowledgement();
        assertThat(ack.kind()).isEqualTo(EnvelopeKind.ACK);
        assertThat(List.of(ack.senderNode(), ack.senderParty(), ack.recipientNode(), ack.recipientParty()))
                .containsExactly("node-b", "BANKB", "node-a", "BANKA");
        assertThat(ack.sequenceNumber()).isEqualTo(data.sequenceNumber());
        assertThatThrownBy(ack::acknowledgement).isInstanceOf(IllegalStateException.class);
    }

    private static List<Envelope> envelopes(int count) {
        return IntStream.range(0, count).mapToObj(sequence -> new Envelope("node-a", "BANKA", "node-b", "BANKB",
                "session-1", sequence, EnvelopeKind.DATA, ("message " + sequence).getBytes(StandardCharsets.UTF_8)))
                .toList();
    }

    private void awaitReceived(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (received.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(received).hasSizeGreaterThanOrEqualTo(count);
    }

    private void awaitDistinct(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_MAX.toNanos();
        while (received.stream().distinct().count() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(50);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(WAIT_MAX.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
