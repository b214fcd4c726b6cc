package io.clearline.flows.transport;

import java.util.Arrays;
import java.util.Objects;

/**
 * One message between two nodes on a session. A node hosts several parties, so the envelope names the
 * parties as well as the nodes. {@code sequenceNumber} counts the messages one side sends on the
 * session, from 0; with the session id and the recipient party it is the key the recipient's inbox
 * drops duplicates by. An {@link EnvelopeKind#ACK} repeats the key of the envelope it acknowledges,
 * with sender and recipient swapped, and carries no payload.
 *
 * <p>The payload is copied in and out: an envelope never changes after it was made.
 */
public record Envelope(String senderNode, String senderParty, String recipientNode, String recipientParty,
                       String sessionId, long sequenceNumber, EnvelopeKind kind, byte[] payload) {
    /** Bytes of one payload at most: room for the largest transaction, not for a runaway one. */
    public static final int PAYLOAD_BYTES_MAX = 4 * 1024 * 1024;
    public static final int NAME_CHARS_MAX = 200;
    public static final int SESSION_ID_CHARS_MAX = 64;

    public Envelope {
        checkName("sender node", senderNode, NAME_CHARS_MAX);
        checkName("sender party", senderParty, NAME_CHARS_MAX);
        checkName("recipient node", recipientNode, NAME_CHARS_MAX);
        checkName("recipient party", recipientParty, NAME_CHARS_MAX);
        checkName("session id", sessionId, SESSION_ID_CHARS_MAX);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(payload, "payload");
        if (sequenceNumber < 0) {
            throw new IllegalArgumentException("sequence numbers count from 0: " + sequenceNumber);
        }
        if (payload.length > PAYLOAD_BYTES_MAX) {
            throw new IllegalArgumentException("a payload of " + payload.length + " bytes is more than "
                    + PAYLOAD_BYTES_MAX);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The acknowledgement of this envelope, addressed back to its sender. */
    public Envelope acknowledgement() {
        if (kind == EnvelopeKind.ACK) {
            throw new IllegalStateException("an acknowledgement is not acknowledged: " + this);
        }
        return new Envelope(recipientNode, recipientParty, senderNode, senderParty, sessionId, sequenceNumber,
                EnvelopeKind.ACK, new byte[0]);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Envelope that && senderNode.equals(that.senderNode)
                && senderParty.equals(that.senderParty) && recipientNode.equals(that.recipientNode)
                && recipientParty.equals(that.recipientParty) && sessionId.equals(that.sessionId)
                && sequenceNumber == that.sequenceNumber && kind == that.kind && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(senderNode, senderParty, recipientNode, recipientParty, sessionId, sequenceNumber, kind,
                Arrays.hashCode(payload));
    }

    /** Never the payload: it may hold a transaction, which belongs in no log. */
    @Override
    public String toString() {
        return kind + " " + sessionId + "#" + sequenceNumber + " " + senderParty + "@" + senderNode + " -> "
                + recipientParty + "@" + recipientNode + " (" + payload.length + " bytes)";
    }

    private static void checkName(String what, String value, int charsMax) {
        if (value == null || value.isBlank() || value.length() > charsMax) {
            throw new IllegalArgumentException("a " + what + " is 1 to " + charsMax + " characters: " + value);
        }
    }
}
