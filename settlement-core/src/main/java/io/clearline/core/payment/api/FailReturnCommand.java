package io.clearline.core.payment.api;

import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.Uetr;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The return payment {@code returnUetr} will not settle: what it held is returnable again. Idempotent. */
public record FailReturnCommand(@TargetAggregateIdentifier Uetr originalUetr, Uetr returnUetr, Reason reason) {
}
