package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.lsm.api.PaymentPriority;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Read-only, no event: what the account would do now with a payment of {@code amount} to {@code payee}
 * at {@code priority} (a treasury's what-if). Answered with a {@link PaymentEvaluation} decided by the
 * very rules a real reservation follows; a command, not a query, because only the account itself knows
 * its queue, limits and reservations exactly. Fails with Axon's aggregate-not-found for an account that
 * never held anything (which would queue every payment: AM04).
 */
public record EvaluatePaymentCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, Money amount,
                                     PaymentPriority priority, Bic payee) {
    public EvaluatePaymentCommand {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(payee, "payee");
    }
}
