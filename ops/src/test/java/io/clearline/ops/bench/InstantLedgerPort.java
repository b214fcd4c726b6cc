package io.clearline.ops.bench;

import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A ledger that settles everything at once, for measuring the settlement core alone: the benchmark
 * fixture the settlement-core issue asks for, never part of a node. Its transaction ids look like the
 * real ledger's (64 hex digits, derived from the idempotency key) so the messages built from them
 * pass the same checks.
 */
final class InstantLedgerPort implements LedgerPort {

    @Override
    public CompletableFuture<LedgerReceipt> settlePayment(PaymentSettlementRequest request) {
        return receipt("payment:" + request.uetr().value());
    }

    @Override
    public CompletableFuture<LedgerReceipt> issueCash(CashIssuanceRequest request) {
        return receipt("issue:" + request.transferId());
    }

    @Override
    public CompletableFuture<LedgerReceipt> redeemCash(CashRedemptionRequest request) {
        return receipt("redeem:" + request.transferId());
    }

    @Override
    public CompletableFuture<LedgerReceipt> settleNetted(NettedSettlementRequest request) {
        return receipt("netted:" + request.runId());
    }

    private static CompletableFuture<LedgerReceipt> receipt(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return CompletableFuture.completedFuture(new LedgerReceipt(HexFormat.of().formatHex(digest)));
        } catch (NoSuchAlgorithmException missing) {
            throw new IllegalStateException("every JDK has SHA-256", missing);
        }
    }
}
