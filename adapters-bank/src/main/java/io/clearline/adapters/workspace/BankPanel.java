package io.clearline.adapters.workspace;

import java.util.List;

/**
 * What the workspace shows of one bank, already formatted for display: the templates only place text.
 * Its derived methods are public: the templates' expressions call public methods only.
 *
 * @param elementId   the HTML id that a live update replaces; derived from the BIC, which is [A-Z0-9] only
 * @param timeZone    the business day's time zone, in which every time is shown
 * @param status      the participant's status: ACTIVE, SUSPENDED or REMOVED
 * @param queue       the queued outgoing payments in policy order, the first {@link #QUEUE_ROWS_SHOWN_MAX}
 * @param queueNotShown how many more are queued beyond those shown
 * @param netPositions the bilateral net position towards each counterparty over the business day so far
 */
record BankPanel(String bic, String name, String elementId, String timeZone, String status, String businessDay,
                 List<CurrencyRow> currencies, List<LimitRow> limits, List<QueueRow> queue, int queueNotShown,
                 List<IntradaySeries> intraday, List<PaymentRow> recentPayments, List<NetPositionRow> netPositions) {

    /** A page shows the head of a queue; a bank with more waiting has a problem the page names, not lists. */
    static final int QUEUE_ROWS_SHOWN_MAX = 50;

    static String elementIdOf(String bic) {
        return "bank-" + bic;
    }

    public boolean active() {
        return "ACTIVE".equals(status);
    }

    /**
     * Amounts in the currency's scale, grouped for reading ({@code 10,000,000.00}).
     *
     * @param frozen the queue in this currency is frozen: its participant is suspended
     */
    record CurrencyRow(String currency, String balance, String reserved, String available, String queuedOut,
                       boolean frozen) {
    }

    /**
     * One limit and how much of it the net outflow uses. {@code towards} is the counterparty's BIC, or
     * empty for the multilateral limit. The minor units feed a meter; {@code usageKnown} is false when
     * the account did not answer in time, and then only the limit is shown.
     */
    record LimitRow(String currency, String towards, String limit, String used, String headroom,
                    long limitMinorUnits, long usedMinorUnits, boolean usageKnown) {
        public boolean multilateral() {
            return towards.isEmpty();
        }
    }

    /**
     * One queued payment. {@code place} counts from 1 in policy order within its currency;
     * {@code counterparty} is empty while the payments projection has not caught up with it yet.
     */
    record QueueRow(int place, String uetr, String queuedAt, String priority, boolean held, boolean frozen,
                    String counterparty, String amount, String currency) {
        public boolean normalPriority() {
            return "NORMAL".equals(priority);
        }

        public boolean highPriority() {
            return "HIGH".equals(priority);
        }
    }

    /** The intraday liquidity chart of one currency; {@code json} is read by the page's script. */
    record IntradaySeries(String currency, String json) {
    }

    /**
     * What the bank paid to and received from one counterparty since the business day began, and the
     * difference: {@code net} is signed, below zero when the bank paid more than it received.
     */
    record NetPositionRow(String currency, String counterparty, String paid, String received, String net,
                          boolean netOut) {
    }

    /** {@code direction} is {@code "out"} when the bank paid, {@code "in"} when it was paid. */
    record PaymentRow(String settledAt, String direction, String counterparty, String amount, String currency,
                      String uetr) {
    }
}
