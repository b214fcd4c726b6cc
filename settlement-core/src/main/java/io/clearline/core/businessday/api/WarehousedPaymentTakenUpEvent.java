package io.clearline.core.businessday.api;

import io.clearline.core.common.api.Uetr;
import java.time.Instant;
import java.time.LocalDate;

/** The warehoused payment goes through the normal path on business day {@code date}. */
public record WarehousedPaymentTakenUpEvent(String network, Uetr uetr, LocalDate date, Instant takenUpAt) {
}
