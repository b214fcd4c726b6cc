package io.clearline.core.common.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of one currency in its minor units (cents for EUR, yen for JPY). The scale of each
 * currency is known at the ISO 20022 boundary; inside the core only whole minor units exist.
 * Arithmetic is exact and never mixes currencies.
 */
public record Money(long minorUnits, String currency) {
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("not an ISO 4217 currency code: " + currency);
        }
        if (minorUnits < 0) {
            throw new IllegalArgumentException("money is never negative: " + minorUnits + " " + currency);
        }
    }

    public static Money of(long minorUnits, String currency) {
        return new Money(minorUnits, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    /** Fails when the result would be negative: a caller that may go short must check first. */
    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public boolean covers(Money other) {
        requireSameCurrency(other);
        return minorUnits >= other.minorUnits;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currencies never mix: " + currency + " and " + other.currency);
        }
    }

    @Override
    public String toString() {
        return minorUnits + " " + currency + " (minor units)";
    }
}
