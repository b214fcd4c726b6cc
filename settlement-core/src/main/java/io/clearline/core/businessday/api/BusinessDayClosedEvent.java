package io.clearline.core.businessday.api;

import java.time.Instant;
import java.time.LocalDate;

public record BusinessDayClosedEvent(String network, LocalDate date, Instant closedAt) {
}
