package io.clearline.adapters.workspace;

import java.util.List;

/**
 * What the workspace shows of one bank, already formatted for display: the templates only place text.
 *
 * @param elementId the HTML id that a live update replaces; derived from the BIC, which is [A-Z0-9] only
 * @param timeZone  the business day's time zone, in which the payments' times are shown
 */
record BankPanel(String bic, String name, String elementId, String timeZone, List<CurrencyRow> currencies,
                 List<PaymentRow> recentPayments) {

    static String elementIdOf(String bic) {
        return "bank-" + bic;
    }

    /** Amounts in the currency's scale, grouped for reading ({@code 10,000,000.00}). */
    record CurrencyRow(String currency, String balance, String reserved, String available) {
    }

    /** {@code direction} is {@code "out"} when the bank paid, {@code "in"} when it was paid. */
    record PaymentRow(String settledAt, String direction, String counterparty, String amount, String currency,
                      String uetr) {
    }
}
