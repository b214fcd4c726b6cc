package io.clearline.core.participant.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a suspended participant active again; its queues thaw. An active participant stays as it is. */
public record ReactivateParticipantCommand(@TargetAggregateIdentifier io.clearline.core.common.api.Bic bic) {
}
