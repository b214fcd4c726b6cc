package io.clearline.flows.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The encodings of the components that need no state codec: inputs, the notary, the time window and
 * signer lists. Shared by the full transaction and the filtered one, so both read the same bytes
 * the same way. Each component is decoded whole: trailing bytes are corruption or tampering.
 */
final class TransactionComponents {
    private TransactionComponents() {
    }

    static byte[] input(StateRef ref) {
        return new CanonicalWriter().writeString(ref.transactionId()).writeInt(ref.outputIndex()).toByteArray();
    }

    static StateRef input(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        return whole(in, new StateRef(in.readString(), in.readInt()));
    }

    static byte[] notary(Party notary) {
        return new CanonicalWriter().writeParty(notary).toByteArray();
    }

    static Party notary(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        return whole(in, in.readParty());
    }

    static byte[] timeWindow(TimeWindow window) {
        CanonicalWriter out = new CanonicalWriter();
        writeOptionalInstant(window.fromTime(), out);
        writeOptionalInstant(window.untilTime(), out);
        return out.toByteArray();
    }

    static TimeWindow timeWindow(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        return whole(in, new TimeWindow(readOptionalInstant(in), readOptionalInstant(in)));
    }

    static byte[] signers(List<PublicKey> keys) {
        CanonicalWriter out = new CanonicalWriter().writeInt(keys.size());
        keys.forEach(key -> out.writeBytes(key.encoded()));
        return out.toByteArray();
    }

    static List<PublicKey> signers(byte[] component) {
        CanonicalReader in = new CanonicalReader(component);
        int count = in.readInt();
        if (count < 0 || count > WireTransaction.SIGNERS_PER_COMMAND_MAX) {
            throw new IllegalStateException("corrupt ledger encoding: " + count + " signers on one command");
        }
        List<PublicKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(new PublicKey(in.readBytes()));
        }
        return whole(in, keys);
    }

    static <T> T whole(CanonicalReader in, T decoded) {
        if (!in.atEnd()) {
            throw new IllegalStateException("corrupt ledger encoding: trailing bytes after a component");
        }
        return decoded;
    }

    private static void writeOptionalInstant(Instant instant, CanonicalWriter out) {
        if (out.writePresence(instant)) {
            out.writeInstant(instant);
        }
    }

    private static Instant readOptionalInstant(CanonicalReader in) {
        return in.readPresence() ? in.readInstant() : null;
    }
}
