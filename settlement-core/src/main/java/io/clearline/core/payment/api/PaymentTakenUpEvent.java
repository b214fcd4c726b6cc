package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;
import java.time.Instant;
import java.time.LocalDate;

/** The warehoused payment is RECEIVED again, on business day {@code date}. */
public record PaymentTakenUpEvent(Uetr uetr, LocalDate date, Instant takenUpAt) {
}
