package io.clearline.core.participant.api;

public enum ParticipantStatus {
    /** Pays and is paid. */
    ACTIVE,
    /** Neither pays nor is paid; its queues are frozen until it is reactivated. */
    SUSPENDED,
    /** Gone for good; its BIC stays taken, so its history keeps its meaning. */
    REMOVED
}
