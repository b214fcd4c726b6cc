package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Reason;

/**
 * What the account would do with a payment now: settle it at once, queue it, or refuse it; with the
 * reason when it would not settle, and the liquidity its priority may use.
 */
public record PaymentEvaluation(Outcome outcome, Reason reason, Money availableToItsPriority) {
    public enum Outcome { SETTLES_NOW, QUEUES, REFUSED }
}
