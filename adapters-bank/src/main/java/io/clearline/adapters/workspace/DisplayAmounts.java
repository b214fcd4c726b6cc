package io.clearline.adapters.workspace;

import io.clearline.adapters.web.Amounts;
import io.clearline.core.common.api.Money;

/**
 * Amounts for people: the API's decimal string in the currency's scale ({@link Amounts}), with its
 * whole part grouped by thousands so that a treasury user reads 10,000,000.00 at a glance.
 */
final class DisplayAmounts {
    private static final int GROUP_DIGITS = 3;

    private DisplayAmounts() {
    }

    static String format(Money money) {
        return group(Amounts.format(money));
    }

    /**
     * Groups an amount that is already a plain decimal string in its currency's scale, such as the
     * API's ({@code "10000000.00"} becomes {@code "10,000,000.00"}); a leading minus sign stays in front.
     */
    static String group(String plain) {
        String sign = plain.startsWith("-") ? "\u2212" : "";
        String unsigned = plain.startsWith("-") ? plain.substring(1) : plain;
        int point = unsigned.indexOf('.');
        String whole = point < 0 ? unsigned : unsigned.substring(0, point);
        String fraction = point < 0 ? "" : unsigned.substring(point);
        StringBuilder grouped = new StringBuilder(plain.length() + whole.length() / GROUP_DIGITS + 1).append(sign);
        for (int index = 0; index < whole.length(); index++) {
            if (index > 0 && (whole.length() - index) % GROUP_DIGITS == 0) {
                grouped.append(',');
            }
            grouped.append(whole.charAt(index));
        }
        return grouped.append(fraction).toString();
    }
}
