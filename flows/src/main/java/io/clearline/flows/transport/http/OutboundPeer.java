package io.clearline.flows.transport.http;

import io.clearline.flows.transport.Envelope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way to one peer: a bounded queue emptied in order by one sender thread, which POSTs batches
 * over one HTTP/2 connection and waits for each answer, so envelopes to a peer arrive in the order
 * sent. When a batch fails (peer down, refusing, or full) the queue is emptied and sends fail fast
 * for a backoff: the sessions' outbox holds every unacknowledged envelope and resends it.
 */
final class OutboundPeer implements AutoCloseable {
    static final String PATH = "/clearline/v1/envelopes";
    /** Characters of a peer's refusal kept for the log: enough for its reason, too few for a flood. */
    private static final int REFUSAL_CHARS_LOGGED_MAX = 500;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(OutboundPeer.class);

    private final String node;
    private final PeerAddresses addresses;
    private final HttpTransportSettings settings;
    private final BlockingQueue<Envelope> queue;
    private final ExecutorService clientExecutor = Executors.newVirtualThreadPerTaskExecutor();
    private final HttpClient client;
    private final Thread sender;
    private final AtomicLong sentEnvelopes;
    private final AtomicLong failedBatches;
    private volatile long downUntilNanos = System.nanoTime();
    private volatile boolean down;
    private volatile boolean closed;

    /** @param sentEnvelopes and {@code failedBatches}: the transport's counters, which this peer adds to */
    OutboundPeer(String node, PeerAddresses addresses, SSLContext tls, HttpTransportSettings settings,
                 AtomicLong sentEnvelopes, AtomicLong failedBatches) {
        this.node = node;
        this.sentEnvelopes = sentEnvelopes;
        this.failedBatches = failedBatches;
        this.addresses = addresses;
        this.settings = settings;
        this.queue = new ArrayBlockingQueue<>(settings.outboundQueueEnvelopesMax());
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).sslContext(tls)
                .sslParameters(MutualTls.parameters(false)).connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).executor(clientExecutor).build();
        this.sender = Thread.ofVirtual().name("http-transport-to-" + node).start(this::sendAll);
    }

    /** Queues the envelope unless the queue is full or the peer failed within the backoff. */
    boolean offer(Envelope envelope) {
        if (closed || (down && System.nanoTime() - downUntilNanos < 0)) {
            return false;
        }
        return queue.offer(envelope);
    }

    int backlog() {
        return queue.size();
    }

    private void sendAll() {
        while (!closed) {
            Envelope first;
            try {
                first = queue.poll(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                continue;
            }
            List<Envelope> batch = nextBatch(first);
            Optional<String> failure = postRetryingWhileBusy(batch);
            if (failure.isEmpty()) {
                sentEnvelopes.addAndGet(batch.size());
                if (down) {
                    down = false;
                    LOG.info("peer {} takes envelopes again", node);
                }
            } else {
                failed(batch.size(), failure.get());
            }
        }
    }

    /**
     * Posts the batch, and again while the peer answers that its receiver is full, within the named
     * limit: waiting here keeps the batch in order and lets this queue fill, so sends return false and
     * the backpressure reaches the outbox. Empty when the peer took it, else why not.
     */
    private Optional<String> postRetryingWhileBusy(List<Envelope> batch) {
        byte[] body = EnvelopeBatchCodec.encode(batch);
        for (int retries = 0; ; retries++) {
            Attempt attempt = post(body);
            if (attempt == Attempt.TAKEN) {
                return Optional.empty();
            }
            if (!attempt.busy() || retries >= settings.busyRetriesMax() || closed) {
                return Optional.of(attempt.failure());
            }
            try {
                Thread.sleep(settings.busyRetryDelay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
    }

    /** What one POST came to: taken (no failure), refused because the peer is busy, or failed otherwise. */
    private record Attempt(String failure, boolean busy) {
        static final Attempt TAKEN = new Attempt(null, false);
    }

    /** The first envelope and as many queued after it as the batch limits allow; only this thread takes from the queue. */
    private List<Envelope> nextBatch(Envelope first) {
        List<Envelope> batch = new ArrayList<>();
        batch.add(first);
        long bytes = EnvelopeBatchCodec.encodedBytesMax(first);
        while (batch.size() < settings.batchEnvelopesMax()) {
            Envelope next = queue.peek();
            if (next == null || bytes + EnvelopeBatchCodec.encodedBytesMax(next) > settings.batchBytesMax()) {
                break;
            }
            batch.add(queue.poll());
            bytes += EnvelopeBatchCodec.encodedBytesMax(next);
        }
        return batch;
    }

    private Attempt post(byte[] body) {
        Optional<URI> address = addresses.addressOf(node);
        if (address.isEmpty()) {
            return new Attempt("no address is known for node " + node, false);
        }
        HttpRequest request = HttpRequest.newBuilder(address.get().resolve(PATH))
                .timeout(settings.requestTimeout()).header("Content-Type", EnvelopeBatchCodec.CONTENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            HttpResponse<String> response = client.send(request,
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() == 200) {
                return Attempt.TAKEN;
            }
            String reason = response.body();
            return new Attempt("HTTP " + response.statusCode() + ": "
                    + reason.substring(0, Math.min(reason.length(), REFUSAL_CHARS_LOGGED_MAX)),
                    response.statusCode() == 503);
        } catch (IOException e) {
            return new Attempt(e.toString(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt("interrupted", false);
        }
    }

    private void failed(int batchEnvelopes, String failure) {
        failedBatches.incrementAndGet();
        downUntilNanos = System.nanoTime() + settings.peerDownBackoff().toNanos();
        boolean wasDown = down;
        down = true;
        int dropped = batchEnvelopes + dropQueued();
        if (closed) {
            return;
        }
        if (wasDown) {
            LOG.debug("peer {} still refuses: {} ({} envelopes left to the outbox)", node, failure, dropped);
        } else {
            LOG.warn("peer {} did not take a batch: {}; sends to it fail for {} and its {} envelopes are left to the "
                    + "outbox to resend", node, failure, settings.peerDownBackoff(), dropped);
        }
    }

    private int dropQueued() {
        List<Envelope> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        return dropped.size();
    }

    @Override
    public void close() {
        closed = true;
        sender.interrupt();
        queue.clear();
        client.shutdownNow();
        clientExecutor.shutdownNow();
    }
}
