package io.clearline.core.liquidity;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.common.api.ProcessingGroups;
import io.clearline.core.common.api.Reason;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.LedgerAttempts;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.liquidity.api.CompleteLiquidityTransferCommand;
import io.clearline.core.liquidity.api.CreditPledgeCommand;
import io.clearline.core.liquidity.api.DebitRedemptionCommand;
import io.clearline.core.liquidity.api.LiquidityRedemptionRequestedEvent;
import io.clearline.core.liquidity.api.RedemptionReservationRefusedEvent;
import io.clearline.core.liquidity.api.RedemptionReservedEvent;
import io.clearline.core.liquidity.api.ReleaseRedemptionCommand;
import io.clearline.core.liquidity.api.ReserveRedemptionCommand;
import io.clearline.core.liquidity.api.FailLiquidityTransferCommand;
import io.clearline.core.liquidity.api.LiquidityAccountId;
import io.clearline.core.liquidity.api.LiquidityPledgeRequestedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferCompletedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferFailedEvent;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;

/**
 * Carries out one liquidity transfer. A pledge: asks the ledger to issue the cash, records the
 * transfer as completed (or failed), then credits the participant's liquidity account. A redemption,
 * in reverse: reserves the amount on the liquidity account first (so payments cannot spend it while
 * the ledger works), asks the ledger to redeem the cash, records the transfer as completed (or
 * failed), then debits the account (or releases the reservation). One saga type for both directions,
 * so the node's processing group for it needs no change. Needs a {@link CommandGateway} and a
 * {@link LedgerPort} injected into its transient fields.
 */
@ProcessingGroup(ProcessingGroups.LIQUIDITY_PLEDGE_SAGA)
public class LiquidityPledgeSaga {

    private static final System.Logger LOG = System.getLogger(LiquidityPledgeSaga.class.getName());

    /** Calls to the ledger for one pledge before it fails with NARR (refusals are not retried). */
    public static final int LEDGER_ATTEMPTS_MAX = 3;

    private String transferId;
    private Bic participant;
    private Money amount;
    /** False for a pledge, and for sagas stored before redemptions existed. */
    private boolean redemption;

    @Inject
    private transient CommandGateway commandGateway;
    @Inject
    private transient LedgerPort ledgerPort;

    @StartSaga
    @SagaEventHandler(associationProperty = "transferId")
    void on(LiquidityPledgeRequestedEvent event) {
        transferId = event.transferId();
        participant = event.participant();
        amount = event.amount();
        LedgerPort ledger = ledgerPort;
        CashIssuanceRequest request = new CashIssuanceRequest(transferId, participant, amount);
        callLedger(() -> ledger.issueCash(request), "cash issuance");
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "transferId")
    void on(LiquidityRedemptionRequestedEvent event) {
        transferId = event.transferId();
        participant = event.participant();
        amount = event.amount();
        redemption = true;
        ReserveRedemptionCommand reserve = new ReserveRedemptionCommand(account(), transferId, amount);
        commandGateway.send(reserve).whenComplete((ignored, failure) -> logIfFailed(failure, event.transferId(), reserve));
    }

    @SagaEventHandler(associationProperty = "transferId")
    void on(RedemptionReservedEvent event) {
        LedgerPort ledger = ledgerPort;
        CashRedemptionRequest request = new CashRedemptionRequest(transferId, participant, amount);
        callLedger(() -> ledger.redeemCash(request), "cash redemption");
    }

    @SagaEventHandler(associationProperty = "transferId")
    void on(RedemptionReservationRefusedEvent event) {
        // Nothing was reserved, so the ledger is never asked: the transfer fails with the account's reason.
        FailLiquidityTransferCommand fail = new FailLiquidityTransferCommand(transferId, event.reason());
        commandGateway.send(fail).whenComplete((ignored, failure) -> logIfFailed(failure, event.transferId(), fail));
    }

    /** Calls the ledger, then completes the transfer with its transaction or fails it with its reason. */
    private void callLedger(Supplier<CompletableFuture<LedgerReceipt>> call, String what) {
        CommandGateway gateway = commandGateway;
        String transfer = transferId;
        LedgerAttempts.call(call, LEDGER_ATTEMPTS_MAX)
                .whenComplete((receipt, failure) -> {
                    Object next;
                    if (failure == null) {
                        next = new CompleteLiquidityTransferCommand(transfer, receipt.transactionId());
                    } else {
                        Throwable cause = LedgerAttempts.unwrap(failure);
                        next = new FailLiquidityTransferCommand(transfer, cause instanceof LedgerRefusedException refused
                                ? refused.reason()
                                : Reason.of(ReasonCode.NARR, what + " on the ledger failed: " + cause.getMessage()));
                    }
                    gateway.send(next).whenComplete((ignored, sendFailure) -> logIfFailed(sendFailure, transfer, next));
                });
    }

    private LiquidityAccountId account() {
        return new LiquidityAccountId(participant, amount.currency());
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    void on(LiquidityTransferCompletedEvent event) {
        // Keyed by transfer id in the account, so a redelivery cannot credit (or debit) twice.
        Object next = redemption
                ? new DebitRedemptionCommand(account(), transferId, event.ledgerTransactionId())
                : new CreditPledgeCommand(account(), transferId, amount, event.ledgerTransactionId());
        commandGateway.send(next).whenComplete((ignored, failure) -> logIfFailed(failure, event.transferId(), next));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "transferId")
    void on(LiquidityTransferFailedEvent event) {
        // Nothing was issued or redeemed and nothing was credited or debited. A redemption gives back what
        // it reserved (nothing, if the reservation was refused: then the release is a harmless repeat).
        if (redemption) {
            ReleaseRedemptionCommand release = new ReleaseRedemptionCommand(account(), transferId);
            commandGateway.send(release).whenComplete((ignored, failure) -> logIfFailed(failure, event.transferId(),
                    release));
        }
    }

    private static void logIfFailed(Throwable failure, String transferId, Object command) {
        if (failure != null) {
            LOG.log(System.Logger.Level.ERROR, "transfer " + transferId + ": could not send " + command, failure);
        }
    }
}
