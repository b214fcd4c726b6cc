package io.clearline.core.businessday.api;

import java.time.Instant;
import java.time.LocalDate;

/** The business day as the read side knows it, with when it entered its phase. */
public record BusinessDayView(LocalDate date, BusinessDayPhase phase, Instant since) {
}
