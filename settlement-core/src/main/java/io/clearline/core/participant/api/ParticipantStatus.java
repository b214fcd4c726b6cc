package io.clearline.core.participant.api;

public enum ParticipantStatus {
    ACTIVE
}
