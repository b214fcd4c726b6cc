package io.clearline.core.businessday.api;

import java.time.Instant;

/** From now on, payments the business day does not take are handled so; until the first such event, REJECT. */
public record AfterCutOffHandlingSetEvent(String network, AfterCutOffHandling handling, Instant setAt) {
}
