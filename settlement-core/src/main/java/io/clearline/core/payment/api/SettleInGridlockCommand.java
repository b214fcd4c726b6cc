package io.clearline.core.payment.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A queued payment settled as part of gridlock run {@code runId}, in the multilateral ledger
 * transaction {@code ledgerTransactionId}. Its accounts were moved by the run, not one by one.
 */
public record SettleInGridlockCommand(@TargetAggregateIdentifier io.clearline.core.common.api.Uetr uetr,
                                      String runId, String ledgerTransactionId) {
    public SettleInGridlockCommand {
        Objects.requireNonNull(uetr, "uetr");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(ledgerTransactionId, "ledgerTransactionId");
    }
}
