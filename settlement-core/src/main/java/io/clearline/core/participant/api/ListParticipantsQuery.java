package io.clearline.core.participant.api;

/** All admitted participants, ordered by BIC. Answered with a list of {@link ParticipantView}. */
public record ListParticipantsQuery() {
}
