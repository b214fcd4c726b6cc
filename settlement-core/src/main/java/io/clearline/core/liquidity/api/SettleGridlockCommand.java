package io.clearline.core.liquidity.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The ledger settled gridlock run {@code runId} in {@code ledgerTransactionId}: move the account's net
 * of the run in one step ({@link GridlockSettledEvent}). The same run again changes nothing.
 */
public record SettleGridlockCommand(@TargetAggregateIdentifier LiquidityAccountId accountId, String runId,
                                    String ledgerTransactionId) {
    public SettleGridlockCommand {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(ledgerTransactionId, "ledgerTransactionId");
    }
}
