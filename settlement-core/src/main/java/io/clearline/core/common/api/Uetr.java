package io.clearline.core.common.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Unique end-to-end transaction reference: the idempotency key of a payment all the way down
 * (command, aggregate, ledger {@code PaymentState}). Lower-case canonical UUID form.
 */
public record Uetr(String value) {
    private static final Pattern FORMAT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

    public Uetr {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a UETR (lower-case version-4 UUID): " + value);
        }
    }

    public static Uetr of(String value) {
        return new Uetr(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
