package io.clearline.core.ledger.api;

import java.util.concurrent.CompletableFuture;

/**
 * How the settlement core moves money on the ledger. Implemented by the flows module; the core
 * never knows how a transaction is built, signed or notarised.
 *
 * <p>Every operation is idempotent on their key (the UETR, the transfer id): asking again after a
 * crash or a redelivery answers with the transaction that already settled it, never a second one.
 * A refusal completes the future exceptionally with a {@link LedgerRefusedException}; any other
 * exception is a fault.
 */
public interface LedgerPort {

    /** Move {@code amount} of cash from payer to payee with a bilateral payment state, both signing. */
    CompletableFuture<LedgerReceipt> settlePayment(PaymentSettlementRequest request);

    /** Issue new central-bank cash to a participant against reserves it pledged. */
    CompletableFuture<LedgerReceipt> issueCash(CashIssuanceRequest request);

    /**
     * Redeem a participant's cash back to the central bank (its reserves are credited outside the
     * ledger): the cash is consumed with the participant and the central bank both signing. Refused
     * with AM04 when the participant has too little unlocked cash.
     */
    CompletableFuture<LedgerReceipt> redeemCash(CashRedemptionRequest request);

    /**
     * Settle payments of one currency together in one transaction: each party pays or receives its net,
     * every payer and payee signs, and each payment gets its payment state. Refused with AM04 when a net
     * payer has too little unlocked cash; nothing is recorded then.
     */
    CompletableFuture<LedgerReceipt> settleNetted(NettedSettlementRequest request);
}
