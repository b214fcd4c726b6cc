package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;

/** The participant exists but is suspended or removed: it may neither pay nor be paid. */
public class ParticipantNotActiveException extends RuntimeException {
    private final Bic bic;
    private final ParticipantStatus status;

    public ParticipantNotActiveException(Bic bic, ParticipantStatus status, String explanation) {
        super(bic + " is " + status.name().toLowerCase(java.util.Locale.ROOT) + ": " + explanation);
        this.bic = bic;
        this.status = status;
    }

    public Bic bic() {
        return bic;
    }

    public ParticipantStatus status() {
        return status;
    }
}
