package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;

/** One payment by UETR; answered with an {@code Optional<PaymentView>}. */
public record FindPaymentQuery(Uetr uetr) {
}
