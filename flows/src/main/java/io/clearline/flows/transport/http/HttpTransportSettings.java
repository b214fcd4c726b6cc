package io.clearline.flows.transport.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of one {@link HttpTransport}: where it listens and how much it holds, sends and accepts.
 *
 * @param bindHost                   the address the server listens on ("127.0.0.1" for loopback, "0.0.0.0" for all)
 * @param port                       the server's port; 0 picks a free one ({@link HttpTransport#port()} tells which)
 * @param outboundQueueEnvelopesMax  envelopes queued for one peer at most; a send beyond it returns false
 * @param inboundQueueEnvelopesMax   envelopes received for one local node and not yet taken by its receiver
 *                                   at most; a batch that does not fit is answered 503
 * @param batchEnvelopesMax          envelopes in one POST at most
 * @param batchBytesMax              encoded envelopes in one POST at most, unless its one envelope is larger
 * @param requestBytesMax            bytes of one request body the server reads at most; room for the largest envelope
 * @param peersMax                   peers this node sends to at most (a bound on clients and sender threads)
 * @param serverThreadsMax           threads the server handles requests on at most
 * @param connectTimeout             how long a client waits to connect to a peer
 * @param requestTimeout             how long a client waits for a peer's answer to one batch
 * @param idleTimeout                how long the server keeps a silent connection open
 * @param peerDownBackoff            how long sends to a peer fail fast after a batch to it failed
 * @param busyRetriesMax             times a batch answered 503 (the peer's receiver is full) is sent again
 *                                   before it is left to the outbox
 * @param busyRetryDelay             the wait before sending a batch answered 503 again
 */
public record HttpTransportSettings(String bindHost, int port, int outboundQueueEnvelopesMax,
                                    int inboundQueueEnvelopesMax, int batchEnvelopesMax, int batchBytesMax,
                                    int requestBytesMax, int peersMax, int serverThreadsMax, Duration connectTimeout,
                                    Duration requestTimeout, Duration idleTimeout, Duration peerDownBackoff,
                                    int busyRetriesMax, Duration busyRetryDelay) {
    public static final int OUTBOUND_QUEUE_ENVELOPES_MAX = 4_096;
    public static final int INBOUND_QUEUE_ENVELOPES_MAX = 4_096;
    public static final int BATCH_ENVELOPES_MAX = 256;
    public static final int BATCH_BYTES_MAX = 1024 * 1024;
    /** A full batch, or the largest single envelope, and the batch's header. */
    public static final int REQUEST_BYTES_MAX = Math.max(BATCH_BYTES_MAX, EnvelopeBatchCodec.largestEnvelopeBytes()) + 8;
    public static final int PEERS_MAX = 1_024;
    public static final int SERVER_THREADS_MAX = 32;
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration PEER_DOWN_BACKOFF = Duration.ofMillis(500);
    /** With the delay, a receiver has about a second to make room before the batch is left to the outbox. */
    public static final int BUSY_RETRIES_MAX = 50;
    public static final Duration BUSY_RETRY_DELAY = Duration.ofMillis(20);

    /** Loopback on a free port with the default limits: for tests and single-machine networks. */
    public static final HttpTransportSettings LOOPBACK = new HttpTransportSettings("127.0.0.1", 0,
            OUTBOUND_QUEUE_ENVELOPES_MAX, INBOUND_QUEUE_ENVELOPES_MAX, BATCH_ENVELOPES_MAX, BATCH_BYTES_MAX,
            REQUEST_BYTES_MAX, PEERS_MAX, SERVER_THREADS_MAX, CONNECT_TIMEOUT, REQUEST_TIMEOUT, IDLE_TIMEOUT,
            PEER_DOWN_BACKOFF, BUSY_RETRIES_MAX, BUSY_RETRY_DELAY);

    public HttpTransportSettings {
        Objects.requireNonNull(bindHost, "bindHost");
        if (bindHost.isBlank()) {
            throw new IllegalArgumentException("a bind host is an address, not blank");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is 0 to 65535: " + port);
        }
        atLeastOne("outbound queue envelopes", outboundQueueEnvelopesMax);
        atLeastOne("inbound queue envelopes", inboundQueueEnvelopesMax);
        atLeastOne("batch envelopes", batchEnvelopesMax);
        atLeastOne("batch bytes", batchBytesMax);
        atLeastOne("peers", peersMax);
        atLeastOne("server threads", serverThreadsMax);
        if (batchEnvelopesMax > inboundQueueEnvelopesMax) {
            throw new IllegalArgumentException("a batch of " + batchEnvelopesMax
                    + " envelopes would never fit an inbound queue of " + inboundQueueEnvelopesMax);
        }
        int requestBytesNeeded = Math.max(batchBytesMax, EnvelopeBatchCodec.largestEnvelopeBytes()) + 8;
        if (requestBytesMax < requestBytesNeeded) {
            throw new IllegalArgumentException("a request of at most " + requestBytesMax
                    + " bytes has no room for a full batch or the largest envelope: at least " + requestBytesNeeded);
        }
        positive("connect timeout", connectTimeout);
        positive("request timeout", requestTimeout);
        positive("idle timeout", idleTimeout);
        positive("peer down backoff", peerDownBackoff);
        positive("busy retry delay", busyRetryDelay);
        if (busyRetriesMax < 0) {
            throw new IllegalArgumentException("the busy retries limit is at least 0: " + busyRetriesMax);
        }
    }

    public HttpTransportSettings withPort(int newPort) {
        return new HttpTransportSettings(bindHost, newPort, outboundQueueEnvelopesMax, inboundQueueEnvelopesMax,
                batchEnvelopesMax, batchBytesMax, requestBytesMax, peersMax, serverThreadsMax, connectTimeout,
                requestTimeout, idleTimeout, peerDownBackoff, busyRetriesMax, busyRetryDelay);
    }

    public HttpTransportSettings withBindHost(String newBindHost) {
        return new HttpTransportSettings(newBindHost, port, outboundQueueEnvelopesMax, inboundQueueEnvelopesMax,
                batchEnvelopesMax, batchBytesMax, requestBytesMax, peersMax, serverThreadsMax, connectTimeout,
                requestTimeout, idleTimeout, peerDownBackoff, busyRetriesMax, busyRetryDelay);
    }

    public HttpTransportSettings withQueues(int newOutboundQueueEnvelopesMax, int newInboundQueueEnvelopesMax,
                                            int newBatchEnvelopesMax) {
        return new HttpTransportSettings(bindHost, port, newOutboundQueueEnvelopesMax, newInboundQueueEnvelopesMax,
                newBatchEnvelopesMax, batchBytesMax, requestBytesMax, peersMax, serverThreadsMax, connectTimeout,
                requestTimeout, idleTimeout, peerDownBackoff, busyRetriesMax, busyRetryDelay);
    }

    public HttpTransportSettings withBusyRetries(int newBusyRetriesMax, Duration newBusyRetryDelay) {
        return new HttpTransportSettings(bindHost, port, outboundQueueEnvelopesMax, inboundQueueEnvelopesMax,
                batchEnvelopesMax, batchBytesMax, requestBytesMax, peersMax, serverThreadsMax, connectTimeout,
                requestTimeout, idleTimeout, peerDownBackoff, newBusyRetriesMax, newBusyRetryDelay);
    }

    private static void atLeastOne(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("the " + what + " limit is at least 1: " + value);
        }
    }

    private static void positive(String what, Duration value) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("the " + what + " is positive: " + value);
        }
    }
}
