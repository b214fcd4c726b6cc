package io.clearline.core.lsm.api;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Decide how a started run ends ({@link GridlockRunDecidedEvent}); answered with the decision in
 * force, which is an earlier one when the run was already decided (the caller carries out the answer,
 * not its own proposal). Fails when a run submitted to the ledger is decided without the ledger's
 * answer ({@code ledgerAnswered} false), when a run is settled without it, or when the run never started.
 */
public record DecideGridlockRunCommand(@TargetAggregateIdentifier String runId, GridlockRunDecision decision,
                                       boolean ledgerAnswered) {
    public DecideGridlockRunCommand {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(decision, "decision");
    }
}
