package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Suspend an active participant: new payments to or from it are rejected (CNOR, DNOR) and its queues
 * are frozen, their payments kept in place until it is reactivated. Suspending a suspended
 * participant again changes nothing.
 */
public record SuspendParticipantCommand(@TargetAggregateIdentifier Bic bic, String reason) {
    public SuspendParticipantCommand {
        Objects.requireNonNull(bic, "bic");
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw new IllegalArgumentException("a suspension gives its reason, at most 500 characters");
        }
    }
}
