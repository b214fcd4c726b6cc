package io.clearline.core.businessday.api;

import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** The payment left the warehouse without being taken up (it was cancelled). */
public record WarehousedPaymentWithdrawnEvent(String network, Uetr uetr, Instant withdrawnAt) {
}
