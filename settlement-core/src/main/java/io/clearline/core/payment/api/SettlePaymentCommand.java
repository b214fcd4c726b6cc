package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The ledger notarised {@code ledgerTransactionId} for this payment: record it as final. */
public record SettlePaymentCommand(@TargetAggregateIdentifier Uetr uetr, String ledgerTransactionId) {
}
