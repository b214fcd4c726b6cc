package io.clearline.core.ledger.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;

public record PaymentSettlementRequest(Uetr uetr, Bic payer, Bic payee, Money amount) {
}
