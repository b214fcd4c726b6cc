package io.clearline.adapters.web;

import io.clearline.core.common.api.Money;
import io.clearline.iso20022.Iso4217;
import java.math.BigDecimal;

/**
 * Amounts in JSON are decimal strings in the currency's own scale ({@code "25000.50"} for EUR,
 * {@code "300"} for JPY), never floating-point numbers.
 */
public final class Amounts {
    private Amounts() {
    }

    public static String format(Money money) {
        return formatSigned(money.minorUnits(), money.currency());
    }

    /** A balance that may be below zero, such as a statement's running balance, with its sign. */
    public static String formatSigned(long minorUnits, String currency) {
        return BigDecimal.valueOf(minorUnits, Iso4217.requireScale(currency)).toPlainString();
    }

    /**
     * @throws IllegalArgumentException when the text is not a positive amount in the currency's scale
     */
    public static Money parse(String amount, String currency) {
        int scale = Iso4217.requireScale(currency);
        BigDecimal value;
        try {
            value = new BigDecimal(amount);
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("amount is not a decimal number: " + amount);
        }
        if (value.signum() <= 0) {
            throw new IllegalArgumentException("amount must be above zero: " + amount);
        }
        if (value.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException(currency + " has " + scale + " decimals; " + amount + " has more");
        }
        return Money.of(value.movePointRight(scale).longValueExact(), currency);
    }
}
