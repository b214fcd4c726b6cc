package io.clearline.core.common.api;

import java.util.Objects;

/** Why something was refused: an ISO reason code and a sentence an operations team can act on. */
public record Reason(ReasonCode code, String explanation) {
    public Reason {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(explanation, "explanation");
    }

    public static Reason of(ReasonCode code, String explanation) {
        return new Reason(code, explanation);
    }
}
