package io.clearline.flows.transport.http;

import io.clearline.flows.transport.Envelope;
import io.clearline.flows.transport.EnvelopeKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of one POST: a batch of envelopes, as a version tag, a count, and each envelope's fields
 * in order (names as modified UTF-8, the payload with its length). Decoding checks every length
 * before it allocates, so a hostile body costs at most the request size the server already capped.
 */
final class EnvelopeBatchCodec {
    /** "CLE1": the format's version; a peer speaking another one is refused, not misread. */
    static final int FORMAT_TAG = 0x434c4531;
    static final String CONTENT_TYPE = "application/vnd.clearline.envelopes.v1";
    private static final int FIXED_BYTES_PER_ENVELOPE = 8 + 1 + 4;
    private static final EnvelopeKind[] KINDS = EnvelopeKind.values();

    private EnvelopeBatchCodec() {
    }

    /** Bytes {@code envelope} takes in a batch at most (a name character is at most 3 bytes in modified UTF-8). */
    static int encodedBytesMax(Envelope envelope) {
        int names = envelope.senderNode().length() + envelope.senderParty().length() + envelope.recipientNode().length()
                + envelope.recipientParty().length() + envelope.sessionId().length();
        return 5 * 2 + 3 * names + FIXED_BYTES_PER_ENVELOPE + envelope.payload().length;
    }

    /** The largest envelope the {@link Envelope} record allows, encoded: a request must have room for one. */
    static int largestEnvelopeBytes() {
        return 5 * 2 + 3 * (4 * Envelope.NAME_CHARS_MAX + Envelope.SESSION_ID_CHARS_MAX) + FIXED_BYTES_PER_ENVELOPE
                + Envelope.PAYLOAD_BYTES_MAX;
    }

    static byte[] encode(List<Envelope> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(FORMAT_TAG);
            out.writeInt(batch.size());
            for (Envelope envelope : batch) {
                out.writeUTF(envelope.senderNode());
                out.writeUTF(envelope.senderParty());
                out.writeUTF(envelope.recipientNode());
                out.writeUTF(envelope.recipientParty());
                out.writeUTF(envelope.sessionId());
                out.writeLong(envelope.sequenceNumber());
                out.writeByte(envelope.kind().ordinal());
                byte[] payload = envelope.payload();
                out.writeInt(payload.length);
                out.write(payload);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException when {@code body} is not one batch of at most {@code envelopesMax}
     *         well-formed envelopes, with nothing after it
     */
    static List<Envelope> decode(byte[] body, int envelopesMax) {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        try {
            if (in.readInt() != FORMAT_TAG) {
                throw new IllegalArgumentException("not a batch of envelopes in format " + CONTENT_TYPE);
            }
            int count = in.readInt();
            if (count < 1 || count > envelopesMax) {
                throw new IllegalArgumentException("a batch holds 1 to " + envelopesMax + " envelopes, not " + count);
            }
            List<Envelope> batch = new ArrayList<>(count);
            for (int index = 0; index < count; index++) {
                batch.add(readEnvelope(in));
            }
            if (in.read() != -1) {
                throw new IllegalArgumentException("bytes after the last envelope of the batch");
            }
            return batch;
        } catch (EOFException truncated) {
            throw new IllegalArgumentException("a batch cut short", truncated);
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    private static Envelope readEnvelope(DataInputStream in) throws IOException {
        String senderNode = in.readUTF();
        String senderParty = in.readUTF();
        String recipientNode = in.readUTF();
        String recipientParty = in.readUTF();
        String sessionId = in.readUTF();
        long sequenceNumber = in.readLong();
        int kind = in.readUnsignedByte();
        if (kind >= KINDS.length) {
            throw new IllegalArgumentException("no envelope kind numbered " + kind);
        }
        int payloadBytes = in.readInt();
        if (payloadBytes < 0 || payloadBytes > Envelope.PAYLOAD_BYTES_MAX || payloadBytes > in.available()) {
            throw new IllegalArgumentException("a payload of " + payloadBytes + " bytes does not fit the batch");
        }
        byte[] payload = in.readNBytes(payloadBytes);
        return new Envelope(senderNode, senderParty, recipientNode, recipientParty, sessionId, sequenceNumber,
                KINDS[kind], payload);
    }
}
