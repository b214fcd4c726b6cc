package io.clearline.core.payment.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import java.time.Instant;

public record PaymentReturnFailedEvent(Uetr originalUetr, Uetr returnUetr, Money amount, Reason reason,
                                       Instant failedAt) {
}
