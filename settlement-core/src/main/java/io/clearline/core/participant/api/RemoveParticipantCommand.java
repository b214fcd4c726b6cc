package io.clearline.core.participant.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Remove a participant for good. Only a suspended participant may be removed, so that its queues are
 * frozen first and the operator has had the chance to empty them and redeem its balance. Removing a
 * removed participant again changes nothing.
 */
public record RemoveParticipantCommand(@TargetAggregateIdentifier io.clearline.core.common.api.Bic bic) {
}
