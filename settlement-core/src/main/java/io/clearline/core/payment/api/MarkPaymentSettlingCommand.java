package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payer's liquidity is reserved; the ledger is about to settle the payment. */
public record MarkPaymentSettlingCommand(@TargetAggregateIdentifier Uetr uetr) {
}
