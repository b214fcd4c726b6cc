package io.clearline.flows.ledger;

import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * An Ed25519 public key (32 raw bytes). Compared by value: two keys are the same key when their
 * bytes are equal, never because they are the same object.
 */
public final class PublicKey {
    public static final int ED25519_KEY_BYTES = 32;

    private final byte[] encoded;

    public PublicKey(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length != ED25519_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, not " + encoded.length);
        }
        this.encoded = encoded.clone();
    }

    public static PublicKey fromBase64(String base64) {
        return new PublicKey(Base64.getDecoder().decode(base64));
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(encoded);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PublicKey key && Arrays.equals(encoded, key.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "PublicKey[" + base64() + "]";
    }
}
