package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;
import java.util.Objects;

/**
 * One participant by BIC. Answered with a {@link ParticipantView}, or {@code null} while the bank
 * is not (yet) a participant. As a subscription query it is also updated when the bank is admitted,
 * which lets a caller that has just admitted a bank wait until the read side shows it.
 */
public record FindParticipantQuery(Bic bic) {
    public FindParticipantQuery {
        Objects.requireNonNull(bic, "bic");
    }
}
