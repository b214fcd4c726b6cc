package io.clearline.core.ledger.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;

/** Redeem {@code amount} of the participant's ledger cash back to the central bank; keyed by {@code transferId}. */
public record CashRedemptionRequest(String transferId, Bic participant, Money amount) {
}
