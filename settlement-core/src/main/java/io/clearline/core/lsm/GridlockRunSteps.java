package io.clearline.core.lsm;

import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.Uetr;
import io.clearline.core.ledger.LedgerAttempts;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.ReleaseGridlockCommand;
import io.clearline.core.liquidity.api.ReserveForGridlockCommand;
import io.clearline.core.liquidity.api.SettleGridlockCommand;
import io.clearline.core.lsm.api.DecideGridlockRunCommand;
import io.clearline.core.lsm.api.GridlockAccountPart;
import io.clearline.core.lsm.api.GridlockLeg;
import io.clearline.core.lsm.api.GridlockRunDecision;
import io.clearline.core.lsm.api.GridlockRunOutcome;
import io.clearline.core.lsm.api.GridlockRunRecordedEvent;
import io.clearline.core.lsm.api.GridlockRunStartedEvent;
import io.clearline.core.lsm.api.RecordGridlockRunCommand;
import io.clearline.core.lsm.api.SubmitGridlockRunCommand;
import io.clearline.core.payment.api.SettleInGridlockCommand;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * A started gridlock run carried from wherever it got to until it ends: reserve every account's part,
 * submit the run and ask the ledger, decide, then book each account's net and mark each payment
 * settled, or give every reservation back, and record the run. The runner takes a fresh run through
 * it, recovery a run the node left unfinished; every step is idempotent on the run id (or the UETR),
 * so a step done twice moves nothing twice.
 */
final class GridlockRunSteps {
    private static final System.Logger LOG = System.getLogger(GridlockRunSteps.class.getName());

    private final CommandGateway commands;
    private final LedgerPort ledger;
    private final Clock clock;

    GridlockRunSteps(CommandGateway commands, LedgerPort ledger, Clock clock) {
        this.commands = Objects.requireNonNull(commands, "commands");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes the run from its progress ({@code submitted}, {@code decision}) to its end. Answers with its
     * record, or null when the run stays unfinished (the ledger did not answer, or a step failed; each is
     * logged) and must be taken up again later.
     */
    GridlockRunRecordedEvent complete(GridlockRunStartedEvent run, boolean submitted, GridlockRunDecision decision) {
        GridlockRunDecision inForce = decision;
        if (inForce == null && !submitted) {
            String refused = reserve(run);
            if (refused != null) {
                inForce = commands.sendAndWait(new DecideGridlockRunCommand(run.runId(),
                        GridlockRunDecision.aborted(refused), false));
            }
        }
        if (inForce == null) {
            inForce = settleOnLedger(run);
            if (inForce == null) {
                return null;
            }
        }
        boolean everyStepDone = inForce.outcome() == GridlockRunOutcome.SETTLED
                ? book(run, inForce.ledgerTransactionId())
                : release(run);
        if (!everyStepDone) {
            return null;
        }
        GridlockRunRecordedEvent record = recordOf(run, inForce);
        commands.sendAndWait(new RecordGridlockRunCommand(run.runId(), record));
        return record;
    }

    /** Null when every account holds its part; otherwise why the first one refused. */
    private String reserve(GridlockRunStartedEvent run) {
        for (GridlockAccountPart part : run.parts()) {
            try {
                commands.sendAndWait(new ReserveForGridlockCommand(account(run, part), run.runId(), part.outgoing(),
                        part.incoming()));
            } catch (RuntimeException e) {
                return "the account of " + part.bic() + " refused its part: " + e.getMessage();
            }
        }
        return null;
    }

    /**
     * Submits the run and asks the ledger; answers with the decision in force, or null when the ledger did
     * not answer. A decision taken meanwhile elsewhere wins over asking: it is answered without a call.
     */
    private GridlockRunDecision settleOnLedger(GridlockRunStartedEvent run) {
        GridlockRunDecision earlier = commands.sendAndWait(new SubmitGridlockRunCommand(run.runId()));
        if (earlier != null) {
            return earlier;
        }
        GridlockRunDecision answer;
        try {
            LedgerReceipt receipt = LedgerAttempts.call(() -> ledger.settleNetted(nettedRequest(run)),
                    GridlockRunner.LEDGER_ATTEMPTS_MAX).get(GridlockRunner.LEDGER_WAIT_MAX.toMillis(),
                    TimeUnit.MILLISECONDS);
            answer = GridlockRunDecision.settled(receipt.transactionId());
        } catch (ExecutionException e) {
            Throwable cause = LedgerAttempts.unwrap(e);
            if (!(cause instanceof LedgerRefusedException)) {
                return ledgerSilent(run, cause);
            }
            answer = GridlockRunDecision.aborted("the ledger did not settle the run: " + cause);
        } catch (TimeoutException e) {
            return ledgerSilent(run, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ledgerSilent(run, e);
        }
        return commands.sendAndWait(new DecideGridlockRunCommand(run.runId(), answer, true));
    }

    /**
     * The ledger may have settled the run without the answer reaching us, so its reservations must hold:
     * giving them back could let the same liquidity pay twice. Recovery asks again with the same run id.
     */
    private static GridlockRunDecision ledgerSilent(GridlockRunStartedEvent run, Throwable failure) {
        LOG.log(System.Logger.Level.WARNING, "gridlock run " + run.runId() + ": the ledger did not answer; "
                + "its reservations hold until recovery asks the ledger again", failure);
        return null;
    }

    /** False when an account or a payment was not moved (logged); its command is safe to send again. */
    private boolean book(GridlockRunStartedEvent run, String transactionId) {
        boolean everyStepDone = true;
        for (GridlockAccountPart part : run.parts()) {
            try {
                commands.sendAndWait(new SettleGridlockCommand(account(run, part), run.runId(), transactionId));
            } catch (RuntimeException e) {
                everyStepDone = false;
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + run.runId() + " settled in " + transactionId
                        + " but the account of " + part.bic() + " was not moved", e);
            }
        }
        for (GridlockAccountPart part : run.parts()) {
            for (GridlockLeg leg : part.outgoing()) {
                try {
                    commands.sendAndWait(new SettleInGridlockCommand(leg.uetr(), run.runId(), transactionId));
                } catch (RuntimeException e) {
                    everyStepDone = false;
                    LOG.log(System.Logger.Level.ERROR, "gridlock run " + run.runId() + " settled " + leg.uetr()
                            + " in " + transactionId + " but the payment was not marked settled", e);
                }
            }
        }
        return everyStepDone;
    }

    /** False when an account did not give its reservation back (logged). */
    private boolean release(GridlockRunStartedEvent run) {
        boolean everyStepDone = true;
        for (GridlockAccountPart part : run.parts()) {
            try {
                commands.sendAndWait(new ReleaseGridlockCommand(account(run, part), run.runId()));
            } catch (RuntimeException e) {
                everyStepDone = false;
                LOG.log(System.Logger.Level.ERROR, "gridlock run " + run.runId() + ": could not release the account of "
                        + part.bic() + "; its payments stay out of the queue until recovery releases them", e);
            }
        }
        return everyStepDone;
    }

    private static LiquidityAccountId account(GridlockRunStartedEvent run, GridlockAccountPart part) {
        return new LiquidityAccountId(part.bic(), run.currency());
    }

    /** Every payment once, from its payer's side. */
    private static NettedSettlementRequest nettedRequest(GridlockRunStartedEvent run) {
        List<PaymentSettlementRequest> payments = new ArrayList<>();
        for (GridlockAccountPart part : run.parts()) {
            for (GridlockLeg leg : part.outgoing()) {
                payments.add(new PaymentSettlementRequest(leg.uetr(), part.bic(), leg.counterparty(), leg.amount()));
            }
        }
        return new NettedSettlementRequest(run.runId(), run.currency(), payments);
    }

    private GridlockRunRecordedEvent recordOf(GridlockRunStartedEvent run, GridlockRunDecision decision) {
        List<Uetr> settled = new ArrayList<>();
        long settledMinorUnits = 0;
        if (decision.outcome() == GridlockRunOutcome.SETTLED) {
            for (GridlockAccountPart part : run.parts()) {
                for (GridlockLeg leg : part.outgoing()) {
                    settled.add(leg.uetr());
                    settledMinorUnits = Math.addExact(settledMinorUnits, leg.amount().minorUnits());
                }
            }
        }
        return new GridlockRunRecordedEvent(run.runId(), run.currency(), run.mode(), run.algorithm(), run.trigger(),
                decision.outcome(), run.considered(), settled, Money.of(settledMinorUnits, run.currency()),
                decision.ledgerTransactionId(), run.stayQueued(), decision.abortReason(), run.startedAt(),
                clock.instant());
    }
}
