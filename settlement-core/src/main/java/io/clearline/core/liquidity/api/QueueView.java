package io.clearline.core.liquidity.api;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import java.util.List;
import java.util.Set;

/**
 * A participant's queued outgoing payments, in policy order within each currency (currencies
 * alphabetically; urgent, high, normal; arrival order inside a priority). Kept apart from
 * {@link CurrencyPosition} so that record's shape, which the adapters read, does not change.
 */
public record QueueView(Bic bic, List<QueuedPaymentView> payments, Set<String> frozenCurrencies) {

    public QueueView {
        payments = List.copyOf(payments);
        frozenCurrencies = Set.copyOf(frozenCurrencies);
    }

    /** Whether the queue in {@code currency} is frozen (its participant is suspended). */
    public boolean frozen(String currency) {
        return frozenCurrencies.contains(currency);
    }

    /** The total of the queued payments in {@code currency}, held ones included. */
    public Money queuedOutgoing(String currency) {
        long minorUnits = 0;
        for (QueuedPaymentView payment : payments) {
            if (payment.amount().currency().equals(currency)) {
                minorUnits = Math.addExact(minorUnits, payment.amount().minorUnits());
            }
        }
        return Money.of(minorUnits, currency);
    }
}
