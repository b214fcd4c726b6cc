package io.clearline.core.liquidity;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.Money;
import io.clearline.core.liquidity.api.CompleteLiquidityTransferCommand;
import io.clearline.core.liquidity.api.FailLiquidityTransferCommand;
import io.clearline.core.liquidity.api.LiquidityPledgeRequestedEvent;
import io.clearline.core.liquidity.api.LiquidityRedemptionRequestedEvent;
import io.clearline.core.liquidity.api.RedeemLiquidityCommand;
import io.clearline.core.liquidity.api.LiquidityTransferCompletedEvent;
import io.clearline.core.liquidity.api.LiquidityTransferFailedEvent;
import io.clearline.core.liquidity.api.PledgeLiquidityCommand;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One liquidity transfer (a pledge or a redemption), keyed by its transfer id so that sending it again is harmless.
 * REQUESTED → COMPLETED (the ledger issued or redeemed the cash) or FAILED; both are final.
 */
public class LiquidityTransfer {

    private enum Status { REQUESTED, COMPLETED, FAILED }

    @AggregateIdentifier
    private String transferId;
    private Bic participant;
    private Money amount;
    private Status status;
    private String ledgerTransactionId;

    protected LiquidityTransfer() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(PledgeLiquidityCommand command) {
        if (transferId != null) {
            // The transfer id is the idempotency key; a resend must not issue cash again.
            return;
        }
        Objects.requireNonNull(command.participant(), "participant");
        if (command.transferId() == null || command.transferId().isBlank()) {
            throw new IllegalArgumentException("a pledge needs a transfer id");
        }
        if (command.amount().isZero()) {
            throw new IllegalArgumentException("a pledge must be more than zero: " + command.transferId());
        }
        apply(new LiquidityPledgeRequestedEvent(command.transferId(), command.participant(), command.amount(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RedeemLiquidityCommand command) {
        if (transferId != null) {
            // The transfer id is the idempotency key; a resend must not redeem cash again.
            return;
        }
        Objects.requireNonNull(command.participant(), "participant");
        if (command.transferId() == null || command.transferId().isBlank()) {
            throw new IllegalArgumentException("a redemption needs a transfer id");
        }
        if (command.amount().isZero()) {
            throw new IllegalArgumentException("a redemption must be more than zero: " + command.transferId());
        }
        apply(new LiquidityRedemptionRequestedEvent(command.transferId(), command.participant(), command.amount(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(CompleteLiquidityTransferCommand command) {
        Objects.requireNonNull(command.ledgerTransactionId(), "ledgerTransactionId");
        if (status == Status.COMPLETED && ledgerTransactionId.equals(command.ledgerTransactionId())) {
            return;
        }
        if (status != Status.REQUESTED) {
            throw new IllegalStateException("transfer " + transferId + " is " + status + "; cannot complete it in "
                    + command.ledgerTransactionId());
        }
        apply(new LiquidityTransferCompletedEvent(transferId, participant, amount, command.ledgerTransactionId(),
                GenericEventMessage.clock.instant()));
    }

    @CommandHandler
    void handle(FailLiquidityTransferCommand command) {
        Objects.requireNonNull(command.reason(), "reason");
        if (status == Status.FAILED) {
            return;
        }
        if (status == Status.COMPLETED) {
            throw new IllegalStateException("transfer " + transferId + " completed; it cannot fail: " + command.reason());
        }
        apply(new LiquidityTransferFailedEvent(transferId, participant, amount, command.reason(),
                GenericEventMessage.clock.instant()));
    }

    @EventSourcingHandler
    void on(LiquidityPledgeRequestedEvent event) {
        transferId = event.transferId();
        participant = event.participant();
        amount = event.amount();
        status = Status.REQUESTED;
    }

    @EventSourcingHandler
    void on(LiquidityRedemptionRequestedEvent event) {
        transferId = event.transferId();
        participant = event.participant();
        amount = event.amount();
        status = Status.REQUESTED;
    }

    @EventSourcingHandler
    void on(LiquidityTransferCompletedEvent event) {
        status = Status.COMPLETED;
        ledgerTransactionId = event.ledgerTransactionId();
    }

    @EventSourcingHandler
    void on(LiquidityTransferFailedEvent event) {
        status = Status.FAILED;
    }
}
