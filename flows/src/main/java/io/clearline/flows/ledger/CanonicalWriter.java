package io.clearline.flows.ledger;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The one deterministic encoding of ledger content: each value is written as a one-byte tag then
 * its big-endian payload, strings as length-prefixed UTF-8. The same content always gives the
 * same bytes, which is what makes a transaction id a hash of its content.
 */
public final class CanonicalWriter {
    static final byte TAG_STRING = 1;
    static final byte TAG_LONG = 2;
    static final byte TAG_INT = 3;
    static final byte TAG_BYTES = 4;
    static final byte TAG_ABSENT = 5;
    static final byte TAG_PRESENT = 6;
    static final byte TAG_BOOLEAN = 7;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final DataOutputStream out = new DataOutputStream(bytes);

    public CanonicalWriter writeString(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return write(TAG_STRING, () -> {
            out.writeInt(utf8.length);
            out.write(utf8);
        });
    }

    public CanonicalWriter writeLong(long value) {
        return write(TAG_LONG, () -> out.writeLong(value));
    }

    public CanonicalWriter writeInt(int value) {
        return write(TAG_INT, () -> out.writeInt(value));
    }

    public CanonicalWriter writeBoolean(boolean value) {
        return write(TAG_BOOLEAN, () -> out.writeBoolean(value));
    }

    public CanonicalWriter writeBytes(byte[] value) {
        return write(TAG_BYTES, () -> {
            out.writeInt(value.length);
            out.write(value);
        });
    }

    public CanonicalWriter writeParty(Party party) {
        writeString(party.name());
        return writeBytes(party.publicKey().encoded());
    }

    /** Epoch seconds and nanoseconds, so no precision is lost and no time zone enters. */
    public CanonicalWriter writeInstant(Instant instant) {
        writeLong(instant.getEpochSecond());
        return writeInt(instant.getNano());
    }

    /** Writes a presence tag; the caller then writes the value only when present. */
    public boolean writePresence(Object value) {
        write(value == null ? TAG_ABSENT : TAG_PRESENT, () -> { });
        return value != null;
    }

    public byte[] toByteArray() {
        return bytes.toByteArray();
    }

    private CanonicalWriter write(byte tag, IoAction payload) {
        try {
            out.writeByte(tag);
            payload.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    @FunctionalInterface
    private interface IoAction {
        void run() throws IOException;
    }
}
