package io.clearline.core.businessday.api;

import java.time.Instant;
import java.time.LocalDate;

public record BusinessDayCutOffEvent(String network, LocalDate date, Instant cutOffAt) {
}
