package io.clearline.core.businessday.api;

import java.time.Instant;

/** The network's business-day aggregate exists; no business day has opened yet. */
public record NetworkRegisteredEvent(String network, Instant registeredAt) {
}
