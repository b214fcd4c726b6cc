package io.clearline.adapters.workspace;

import java.util.List;

/**
 * The network as the operator and the regulator see it, formatted for display: every bank with its
 * status and figures, the system's liquidity and queue per currency, and the latest gridlock runs.
 * Its derived methods are public: the templates' expressions call public methods only.
 *
 * @param currencies the currencies the system holds, for the operator's choice of a gridlock run
 */
record NetworkPanel(String timeZone, List<BankRow> banks, List<CurrencyTotal> totals, int queuedPayments,
                    int activeBanks, int suspendedBanks, List<RunRow> runs, List<String> currencies) {

    /** How many of the latest gridlock runs the page lists. */
    static final int RUNS_SHOWN_MAX = 10;

    /** One bank; its rows are a {@code tbody} with {@code elementId}, one row per currency. */
    record BankRow(String bic, String name, String elementId, String status, List<BankPanel.CurrencyRow> currencies,
                   int queuedPayments) {
        public boolean active() {
            return "ACTIVE".equals(status);
        }

        public boolean suspended() {
            return "SUSPENDED".equals(status);
        }
    }

    /** System liquidity in one currency: the sum of every bank's figures, and the queue waiting on it. */
    record CurrencyTotal(String currency, String balance, String available, String queuedOut, int queuedPayments) {
    }

    /** One gridlock run, newest first; {@code algorithm} and {@code abortReason} may be empty. */
    record RunRow(String runId, String finishedAt, String currency, String mode, String algorithm, String trigger,
                  String outcome, int considered, int settled, String settledValue, String abortReason) {
        public String runIdShort() {
            return runId.length() > 8 ? runId.substring(0, 8) : runId;
        }
    }
}
