package io.clearline.flows.notary.raft;

import io.clearline.flows.ledger.CanonicalReader;
import io.clearline.flows.ledger.CanonicalWriter;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.ledger.StateRef;
import io.clearline.flows.ledger.TimeWindow;
import io.clearline.flows.ledger.UniquenessService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bytes of client messages, log entries and replies, in the ledger's canonical encoding. Each
 * starts with a format version: log entries outlive the code that wrote them, and a replica must
 * refuse (and stop) rather than guess at an entry it cannot read.
 */
final class RaftNotaryCodec {
    static final int FORMAT_VERSION = 1;
    /**
     * Replies are never stored: they changed format on their own when they gained the service's
     * signature, and a client and a replica of different formats refuse each other's replies clearly.
     */
    static final int REPLY_FORMAT_VERSION = 2;
    /** Ed25519 signatures are 64 bytes. */
    static final int SIGNATURE_BYTES = 64;
    /** Requests in one client message, hence in one log entry, at most. */
    static final int REQUESTS_PER_ENTRY_MAX = 1_024;
    /**
     * Input and reference states in one log entry at most (about 1.5 MB), well inside what Ratis
     * appends and sends in one piece.
     */
    static final int STATES_PER_ENTRY_MAX = 20_000;

    private static final int OUTCOME_COMMITTED = 1;
    private static final int OUTCOME_CONFLICT = 2;
    private static final int OUTCOME_OUTSIDE_TIME_WINDOW = 3;

    private RaftNotaryCodec() {
    }

    static byte[] encodeRequests(List<CommitRequest> requests) {
        CanonicalWriter out = new CanonicalWriter().writeInt(FORMAT_VERSION);
        writeRequests(out, requests);
        return out.toByteArray();
    }

    /** @throws IllegalStateException when the bytes are not a well-formed message within the limits */
    static List<CommitRequest> decodeRequests(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        readVersion(in);
        List<CommitRequest> requests = readRequests(in);
        requireEnd(in);
        return requests;
    }

    static byte[] encodeEntry(NotaryLogEntry entry) {
        CanonicalWriter out = new CanonicalWriter().writeInt(FORMAT_VERSION).writeInstant(entry.leaderTime());
        writeRequests(out, entry.requests());
        return out.toByteArray();
    }

    static NotaryLogEntry decodeEntry(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        readVersion(in);
        Instant leaderTime = in.readInstant();
        List<CommitRequest> requests = readRequests(in);
        requireEnd(in);
        return new NotaryLogEntry(leaderTime, requests);
    }

    /**
     * A read-only question to the replicas, never a log entry: did this transaction consume these
     * inputs? Carried as one request (its references and time window are not asked about).
     */
    static byte[] encodeCommitmentQuery(String transactionId, List<StateRef> inputs) {
        return encodeRequests(List.of(new CommitRequest(transactionId, inputs, List.of(), null)));
    }

    /** @throws IllegalStateException when the bytes are not one well-formed request */
    static CommitRequest decodeCommitmentQuery(byte[] bytes) {
        List<CommitRequest> requests = decodeRequests(bytes);
        if (requests.size() != 1) {
            throw new IllegalStateException("a commitment query asks about one transaction, not " + requests.size());
        }
        return requests.get(0);
    }

    static byte[] encodeCommitment(UniquenessService.Commitment commitment) {
        return new CanonicalWriter().writeInt(FORMAT_VERSION).writeString(commitment.name()).toByteArray();
    }

    /** @throws IllegalStateException when the bytes are not a well-formed answer */
    static UniquenessService.Commitment decodeCommitment(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        readVersion(in);
        String name = in.readString();
        requireEnd(in);
        try {
            return UniquenessService.Commitment.valueOf(name);
        } catch (IllegalArgumentException unknown) {
            throw new IllegalStateException("corrupt notary answer: commitment " + name, unknown);
        }
    }

    /**
     * A replica's answer to one log entry: an outcome per request and, when the replica holds the
     * service key and some request was committed, the service's signature over the committed ids
     * ({@link NotaryServiceKey#signBatch}) with the key that made it; otherwise both are null.
     */
    record Reply(List<CommitOutcome> outcomes, PublicKey signedBy, byte[] signature) {
        Reply {
            outcomes = List.copyOf(outcomes);
            if ((signedBy == null) != (signature == null)) {
                throw new IllegalArgumentException("a signature comes with the key that made it");
            }
        }

        static Reply unsigned(List<CommitOutcome> outcomes) {
            return new Reply(outcomes, null, null);
        }

        boolean signed() {
            return signature != null;
        }
    }

    static byte[] encodeReply(Reply reply) {
        CanonicalWriter out = new CanonicalWriter().writeInt(REPLY_FORMAT_VERSION);
        writeOutcomes(out, reply.outcomes());
        out.writeBoolean(reply.signed());
        if (reply.signed()) {
            out.writeBytes(reply.signedBy().encoded()).writeBytes(reply.signature());
        }
        return out.toByteArray();
    }

    /** @throws IllegalStateException when the bytes are not a well-formed reply within the limits */
    static Reply decodeReply(byte[] bytes) {
        CanonicalReader in = new CanonicalReader(bytes);
        int version = in.readInt();
        if (version != REPLY_FORMAT_VERSION) {
            throw new IllegalStateException("notary reply format " + version + ", this client reads "
                    + REPLY_FORMAT_VERSION + " only: are the replicas and this node of the same version?");
        }
        List<CommitOutcome> outcomes = readOutcomes(in);
        Reply reply = Reply.unsigned(outcomes);
        if (in.readBoolean()) {
            byte[] key = in.readBytes();
            byte[] signature = in.readBytes();
            if (key.length != PublicKey.ED25519_KEY_BYTES || signature.length != SIGNATURE_BYTES) {
                throw new IllegalStateException("corrupt notary reply: a key of " + key.length
                        + " bytes and a signature of " + signature.length);
            }
            reply = new Reply(outcomes, new PublicKey(key), signature);
        }
        requireEnd(in);
        return reply;
    }

    private static void writeOutcomes(CanonicalWriter out, List<CommitOutcome> outcomes) {
        out.writeInt(outcomes.size());
        for (CommitOutcome outcome : outcomes) {
            switch (outcome) {
                case CommitOutcome.Committed committed -> {
                    out.writeInt(OUTCOME_COMMITTED);
                    out.writeInstant(committed.committedAt());
                }
                case CommitOutcome.Conflict conflict -> {
                    out.writeInt(OUTCOME_CONFLICT);
                    out.writeInt(conflict.consumedBy().size());
                    // Sorted, so that every replica's reply is byte for byte the same.
                    conflict.consumedBy().entrySet().stream()
                            .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparing(StateRef::encoded)))
                            .forEach(consumed -> {
                                out.writeString(consumed.getKey().encoded());
                                out.writeString(consumed.getValue());
                            });
                }
                case CommitOutcome.OutsideTimeWindow outside -> {
                    out.writeInt(OUTCOME_OUTSIDE_TIME_WINDOW);
                    out.writeInstant(outside.leaderTime());
                }
            }
        }
    }

    private static List<CommitOutcome> readOutcomes(CanonicalReader in) {
        int count = readCount(in, REQUESTS_PER_ENTRY_MAX, "outcomes");
        List<CommitOutcome> outcomes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.readInt();
            outcomes.add(switch (kind) {
                case OUTCOME_COMMITTED -> new CommitOutcome.Committed(in.readInstant());
                case OUTCOME_CONFLICT -> {
                    int conflicts = readCount(in, CommitRequest.STATES_PER_REQUEST_MAX, "conflicts");
                    Map<StateRef, String> consumedBy = new LinkedHashMap<>();
                    for (int c = 0; c < conflicts; c++) {
                        consumedBy.put(StateRef.parse(in.readString()), in.readString());
                    }
                    yield new CommitOutcome.Conflict(consumedBy);
                }
                case OUTCOME_OUTSIDE_TIME_WINDOW -> new CommitOutcome.OutsideTimeWindow(in.readInstant());
                default -> throw new IllegalStateException("unknown commit outcome " + kind);
            });
        }
        return outcomes;
    }

    private static void writeRequests(CanonicalWriter out, List<CommitRequest> requests) {
        requireWithinEntryLimits(requests);
        out.writeInt(requests.size());
        for (CommitRequest request : requests) {
            out.writeString(request.transactionId());
            writeRefs(out, request.inputs());
            writeRefs(out, request.references());
            if (out.writePresence(request.timeWindow())) {
                Instant from = request.timeWindow().fromTime();
                if (out.writePresence(from)) {
                    out.writeInstant(from);
                }
                Instant until = request.timeWindow().untilTime();
                if (out.writePresence(until)) {
                    out.writeInstant(until);
                }
            }
        }
    }

    private static List<CommitRequest> readRequests(CanonicalReader in) {
        int count = readCount(in, REQUESTS_PER_ENTRY_MAX, "requests");
        List<CommitRequest> requests = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String transactionId = in.readString();
            List<StateRef> inputs = readRefs(in);
            List<StateRef> references = readRefs(in);
            TimeWindow window = null;
            if (in.readPresence()) {
                Instant from = in.readPresence() ? in.readInstant() : null;
                Instant until = in.readPresence() ? in.readInstant() : null;
                window = new TimeWindow(from, until);
            }
            requests.add(new CommitRequest(transactionId, inputs, references, window));
        }
        requireWithinEntryLimits(requests);
        return requests;
    }

    /** @throws IllegalArgumentException when the requests do not fit in one log entry */
    static void requireWithinEntryLimits(List<CommitRequest> requests) {
        if (requests.size() > REQUESTS_PER_ENTRY_MAX) {
            throw new IllegalArgumentException(requests.size() + " requests in one log entry, more than "
                    + REQUESTS_PER_ENTRY_MAX);
        }
        long states = requests.stream().mapToLong(CommitRequest::stateCount).sum();
        if (states > STATES_PER_ENTRY_MAX) {
            throw new IllegalArgumentException(states + " states in one log entry, more than " + STATES_PER_ENTRY_MAX);
        }
    }

    private static void writeRefs(CanonicalWriter out, List<StateRef> refs) {
        out.writeInt(refs.size());
        refs.forEach(ref -> out.writeString(ref.encoded()));
    }

    private static List<StateRef> readRefs(CanonicalReader in) {
        int count = readCount(in, CommitRequest.STATES_PER_REQUEST_MAX, "state references");
        List<StateRef> refs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            refs.add(StateRef.parse(in.readString()));
        }
        return refs;
    }

    private static int readCount(CanonicalReader in, int max, String what) {
        int count = in.readInt();
        if (count < 0 || count > max) {
            throw new IllegalStateException("corrupt notary message: " + count + " " + what + ", limit " + max);
        }
        return count;
    }

    private static void readVersion(CanonicalReader in) {
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IllegalStateException("notary message format " + version + ", this replica reads "
                    + FORMAT_VERSION + " only");
        }
    }

    private static void requireEnd(CanonicalReader in) {
        if (!in.atEnd()) {
            throw new IllegalStateException("corrupt notary message: bytes after its end");
        }
    }
}
