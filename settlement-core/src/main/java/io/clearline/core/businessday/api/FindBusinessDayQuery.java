package io.clearline.core.businessday.api;

/** The current business day; answered with a {@link BusinessDayView}, or null before the first opens. */
public record FindBusinessDayQuery() {
}
