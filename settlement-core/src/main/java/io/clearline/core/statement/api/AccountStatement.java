package io.clearline.core.statement.api;

import io.clearline.core.common.api.Bic;
import java.util.List;
import java.util.Objects;

/**
 * One currency's statement of a bank's settlement account over one period: what it held at the start,
 * every booking, and what it held at the end. Balances are signed minor units because bookings are
 * listed in the order the settlement record holds them, which between two banks' payments settling at
 * once may differ from the ledger's by a moment; the closing balance is what the ledger holds.
 *
 * <p>Conservation: {@code closing == opening + Σ entries}, checked when the statement is made.
 */
public record AccountStatement(Bic owner, String currency, long openingMinorUnits, long closingMinorUnits,
                               List<StatementEntry> entries) {
    public AccountStatement {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(currency, "currency");
        entries = List.copyOf(entries);
        long sum = openingMinorUnits;
        for (StatementEntry entry : entries) {
            if (!entry.amount().currency().equals(currency)) {
                throw new IllegalArgumentException("a " + currency + " statement lists a " + entry.amount().currency()
                        + " entry: " + entry.reference());
            }
            sum = Math.addExact(sum, entry.signedMinorUnits());
        }
        if (sum != closingMinorUnits) {
            throw new IllegalStateException("statement of " + owner + " in " + currency + " does not add up: opening "
                    + openingMinorUnits + " plus its entries is " + sum + ", not the closing " + closingMinorUnits);
        }
    }

    public long creditsMinorUnits() {
        return entries.stream().filter(StatementEntry::credit).mapToLong(e -> e.amount().minorUnits()).sum();
    }

    public long debitsMinorUnits() {
        return entries.stream().filter(e -> !e.credit()).mapToLong(e -> e.amount().minorUnits()).sum();
    }
}
