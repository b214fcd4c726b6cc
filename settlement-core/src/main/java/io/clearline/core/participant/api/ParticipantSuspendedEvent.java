package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;
import java.time.Instant;

public record ParticipantSuspendedEvent(Bic bic, String reason, Instant suspendedAt) {
}
