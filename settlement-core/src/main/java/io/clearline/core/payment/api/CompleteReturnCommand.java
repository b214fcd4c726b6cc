package io.clearline.core.payment.api;

import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The return payment {@code returnUetr} settled: record it on the original payment. Idempotent. */
public record CompleteReturnCommand(@TargetAggregateIdentifier Uetr originalUetr, Uetr returnUetr,
                                    String ledgerTransactionId) {
}
