package io.clearline.core.lsm.api;

import java.util.Objects;

/**
 * How a started gridlock run ends, decided once: SETTLED in the ledger's transaction (every account
 * books its net) or ABORTED (every reservation is given back).
 *
 * @param ledgerTransactionId null unless SETTLED
 * @param abortReason null unless ABORTED
 */
public record GridlockRunDecision(GridlockRunOutcome outcome, String ledgerTransactionId, String abortReason) {
    public GridlockRunDecision {
        Objects.requireNonNull(outcome, "outcome");
        switch (outcome) {
            case SETTLED -> {
                Objects.requireNonNull(ledgerTransactionId, "ledgerTransactionId");
                if (abortReason != null) {
                    throw new IllegalArgumentException("a settled run has no abort reason: " + abortReason);
                }
            }
            case ABORTED -> {
                Objects.requireNonNull(abortReason, "abortReason");
                if (ledgerTransactionId != null) {
                    throw new IllegalArgumentException("an aborted run has no ledger transaction: "
                            + ledgerTransactionId);
                }
            }
            case NOTHING_TO_SETTLE -> throw new IllegalArgumentException(
                    "a run that found nothing to settle never starts, so it is never decided");
        }
    }

    public static GridlockRunDecision settled(String ledgerTransactionId) {
        return new GridlockRunDecision(GridlockRunOutcome.SETTLED, ledgerTransactionId, null);
    }

    public static GridlockRunDecision aborted(String abortReason) {
        return new GridlockRunDecision(GridlockRunOutcome.ABORTED, null, abortReason);
    }
}
