package io.clearline.flows.ledger;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Reads what {@link CanonicalWriter} wrote; any mismatch of tags is corrupt data, a fault. */
public final class CanonicalReader {
    /** Guards against a corrupt length allocating the heap away. */
    public static final int FIELD_BYTES_MAX = 16 * 1024 * 1024;

    private final DataInputStream in;

    public CanonicalReader(byte[] bytes) {
        this.in = new DataInputStream(new ByteArrayInputStream(bytes));
    }

    public String readString() {
        return new String(readLengthPrefixed(CanonicalWriter.TAG_STRING), StandardCharsets.UTF_8);
    }

    public byte[] readBytes() {
        return readLengthPrefixed(CanonicalWriter.TAG_BYTES);
    }

    public long readLong() {
        expect(CanonicalWriter.TAG_LONG);
        try {
            return in.readLong();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public int readInt() {
        expect(CanonicalWriter.TAG_INT);
        try {
            return in.readInt();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public boolean readBoolean() {
        expect(CanonicalWriter.TAG_BOOLEAN);
        try {
            return in.readBoolean();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    public Party readParty() {
        String name = readString();
        return new Party(name, new PublicKey(readBytes()));
    }

    public Instant readInstant() {
        long seconds = readLong();
        return Instant.ofEpochSecond(seconds, readInt());
    }

    public boolean readPresence() {
        byte tag = readTag();
        if (tag == CanonicalWriter.TAG_PRESENT) {
            return true;
        }
        if (tag == CanonicalWriter.TAG_ABSENT) {
            return false;
        }
        throw new IllegalStateException("corrupt ledger encoding: expected a presence tag, found " + tag);
    }

    public boolean atEnd() {
        try {
            return in.available() == 0;
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private byte[] readLengthPrefixed(byte tag) {
        expect(tag);
        try {
            int length = in.readInt();
            if (length < 0 || length > FIELD_BYTES_MAX) {
                throw new IllegalStateException("corrupt ledger encoding: field length " + length);
            }
            return in.readNBytes(length);
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private void expect(byte tag) {
        byte found = readTag();
        if (found != tag) {
            throw new IllegalStateException("corrupt ledger encoding: expected tag " + tag + ", found " + found);
        }
    }

    private byte readTag() {
        try {
            return in.readByte();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    private static IllegalStateException corrupt(IOException e) {
        return new IllegalStateException("corrupt ledger encoding", e);
    }
}
