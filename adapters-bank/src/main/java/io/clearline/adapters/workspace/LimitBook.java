package io.clearline.adapters.workspace;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * The limits each account has set, from the limit events ({@link PositionChangeListener}), rebuilt
 * by replaying the event store at every start. The core answers no query for the limits themselves,
 * only for what is left of them ({@code ReadGridlockViewCommand}); the workspace needs both to show
 * a limit and its use. Bounded by the participants: one bilateral limit per counterparty at most.
 */
@Component
class LimitBook {

    /** One account's limits; {@code multilateral} empty when none is set. Bilateral ones by BIC. */
    record Limits(SortedMap<String, Money> bilateralByCounterparty, Optional<Money> multilateral) {
        boolean isEmpty() {
            return bilateralByCounterparty.isEmpty() && multilateral.isEmpty();
        }
    }

    private static final class AccountLimits {
        private long lastSequenceNumber = -1;
        private final TreeMap<String, Money> bilateral = new TreeMap<>();
        private Money multilateral;

        synchronized void change(long sequenceNumber, Consumer<AccountLimits> change) {
            if (sequenceNumber <= lastSequenceNumber) {
                return;
            }
            lastSequenceNumber = sequenceNumber;
            change.accept(this);
        }

        synchronized Limits view() {
            return new Limits(new TreeMap<>(bilateral), Optional.ofNullable(multilateral));
        }
    }

    private final Map<LiquidityAccountId, AccountLimits> accounts = new ConcurrentHashMap<>();

    void setBilateral(LiquidityAccountId account, long sequenceNumber, Bic counterparty, Money limit) {
        change(account, sequenceNumber, limits -> limits.bilateral.put(counterparty.value(), limit));
    }

    void removeBilateral(LiquidityAccountId account, long sequenceNumber, Bic counterparty) {
        change(account, sequenceNumber, limits -> limits.bilateral.remove(counterparty.value()));
    }

    void setMultilateral(LiquidityAccountId account, long sequenceNumber, Money limit) {
        change(account, sequenceNumber, limits -> limits.multilateral = limit);
    }

    void removeMultilateral(LiquidityAccountId account, long sequenceNumber) {
        change(account, sequenceNumber, limits -> limits.multilateral = null);
    }

    /** Every account of {@code bic} that has a limit, by currency. */
    SortedMap<String, Limits> of(Bic bic) {
        SortedMap<String, Limits> byCurrency = new TreeMap<>();
        accounts.forEach((account, limits) -> {
            if (account.bic().equals(bic)) {
                Limits view = limits.view();
                if (!view.isEmpty()) {
                    byCurrency.put(account.currency(), view);
                }
            }
        });
        return byCurrency;
    }

    void clear() {
        accounts.clear();
    }

    private void change(LiquidityAccountId account, long sequenceNumber, Consumer<AccountLimits> change) {
        accounts.computeIfAbsent(account, key -> new AccountLimits()).change(sequenceNumber, change);
    }
}
