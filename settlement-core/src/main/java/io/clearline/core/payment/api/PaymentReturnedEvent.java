package io.clearline.core.payment.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/**
 * {@code amount} of the original payment went back to its payer in the return {@code returnUetr};
 * {@code inFull} once everything has been returned, which makes the original RETURNED.
 */
public record PaymentReturnedEvent(Uetr originalUetr, Uetr returnUetr, Money amount, boolean inFull,
                                   String ledgerTransactionId, Instant returnedAt) {
}
