package io.clearline.core.payment.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

/**
 * The original payment's payee ({@code returner}) returns {@code amount} to its payer ({@code returnee})
 * as the payment {@code returnUetr}; until it settles or fails, the amount counts against what is left
 * to return.
 */
public record PaymentReturnRequestedEvent(Uetr originalUetr, Uetr returnUetr, Bic returner, Bic returnee,
                                          Money amount, String returnReason, PaymentReferences references,
                                          String contentDigest, Instant requestedAt) {
}
