package io.clearline.core.common.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A participant's identity on the network: an ISO 9362 business identifier code (8 or 11 characters).
 * Always held in its 11-character form is not assumed; the value is kept exactly as admitted.
 */
public record Bic(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");

    public Bic {
        Objects.requireNonNull(value, "value");
        if (!FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not a BIC (ISO 9362): " + value);
        }
    }

    public static Bic of(String value) {
        return new Bic(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
