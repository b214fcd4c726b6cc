package io.clearline.core.businessday.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.LocalDate;
import java.time.Instant;

/**
 * The business day keeps the payment for the next one; {@code date} is the day it came too late for (null
 * when none had opened), {@code reason} why (TM01). Its place in the warehouse is the order of these events.
 */
public record PaymentWarehousedForNextDayEvent(
        String network, Uetr uetr, Bic payer, LocalDate date, Reason reason, Instant warehousedAt) {
}
