package io.clearline.core.ledger.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;

public record CashIssuanceRequest(String transferId, Bic participant, Money amount) {
}
