package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Succeeds when {@code bic} is an admitted participant; fails with Axon's
 * {@code AggregateNotFoundException} when it was never admitted. Sent by the payment settlement
 * saga: a command (not a query) so the answer comes from the event store, never from a projection
 * that may lag behind.
 */
public record VerifyParticipantAdmittedCommand(@TargetAggregateIdentifier Bic bic) {
}
