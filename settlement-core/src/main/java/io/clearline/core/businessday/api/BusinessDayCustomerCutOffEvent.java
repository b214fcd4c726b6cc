package io.clearline.core.businessday.api;

import java.time.Instant;
import java.time.LocalDate;

/** The day passed its customer cut-off: customer payments are refused from then on, interbank ones not yet. */
public record BusinessDayCustomerCutOffEvent(String network, LocalDate date, Instant cutOffAt) {
}
