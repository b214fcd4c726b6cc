package io.clearline.core.participant.api;

import io.clearline.core.common.api.Bic;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Admit a bank to the network. Admitting an already admitted bank again changes nothing. */
public record AdmitParticipantCommand(@TargetAggregateIdentifier Bic bic, String name) {
}
