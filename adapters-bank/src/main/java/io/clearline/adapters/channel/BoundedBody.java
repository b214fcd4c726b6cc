package io.clearline.adapters.channel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body without ever holding more than the channel's size cap in memory. */
final class BoundedBody {
    private static final int CHUNK_BYTES = 8_192;

    private BoundedBody() {
    }

    /** @return the body, or empty when it is longer than {@code sizeMaxBytes} */
    static Optional<byte[]> read(InputStream body, int sizeMaxBytes) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(Math.min(sizeMaxBytes, CHUNK_BYTES));
        byte[] chunk = new byte[CHUNK_BYTES];
        int total = 0;
        for (int read = body.read(chunk); read != -1; read = body.read(chunk)) {
            total += read;
            if (total > sizeMaxBytes) {
                return Optional.empty();
            }
            buffer.write(chunk, 0, read);
        }
        return Optional.of(buffer.toByteArray());
    }
}
