package io.clearline.core;

import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A ledger that answers at once, as told: by default with a receipt named after the key. */
public final class StubLedgerPort implements LedgerPort {
    public volatile Function<PaymentSettlementRequest, CompletableFuture<LedgerReceipt>> settlement =
            request -> CompletableFuture.completedFuture(new LedgerReceipt("tx-" + request.uetr().value()));
    public volatile Function<CashIssuanceRequest, CompletableFuture<LedgerReceipt>> issuance =
            request -> CompletableFuture.completedFuture(new LedgerReceipt("tx-" + request.transferId()));
    public volatile Function<CashRedemptionRequest, CompletableFuture<LedgerReceipt>> redemption =
            request -> CompletableFuture.completedFuture(new LedgerReceipt("tx-" + request.transferId()));
    public volatile Function<NettedSettlementRequest, CompletableFuture<LedgerReceipt>> netting =
            request -> CompletableFuture.completedFuture(new LedgerReceipt("tx-" + request.runId()));
    public final AtomicInteger nettingCalls = new AtomicInteger();
    public final AtomicInteger redemptionCalls = new AtomicInteger();
    public final AtomicInteger settlementCalls = new AtomicInteger();
    public final AtomicInteger issuanceCalls = new AtomicInteger();

    @Override
    public CompletableFuture<LedgerReceipt> settlePayment(PaymentSettlementRequest request) {
        settlementCalls.incrementAndGet();
        return settlement.apply(request);
    }

    @Override
    public CompletableFuture<LedgerReceipt> issueCash(CashIssuanceRequest request) {
        issuanceCalls.incrementAndGet();
        return issuance.apply(request);
    }

    @Override
    public CompletableFuture<LedgerReceipt> redeemCash(CashRedemptionRequest request) {
        redemptionCalls.incrementAndGet();
        return redemption.apply(request);
    }

    @Override
    public CompletableFuture<LedgerReceipt> settleNetted(NettedSettlementRequest request) {
        nettingCalls.incrementAndGet();
        return netting.apply(request);
    }
}
