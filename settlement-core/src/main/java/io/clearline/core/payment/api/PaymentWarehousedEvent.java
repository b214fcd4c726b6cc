package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/** The payment waits for the next business day; {@code reason} says why the day did not take it (TM01). */
public record PaymentWarehousedEvent(
        Uetr uetr, Bic payer, Bic payee, Money amount, PaymentReferences references, Reason reason,
        Instant warehousedAt) {
}
