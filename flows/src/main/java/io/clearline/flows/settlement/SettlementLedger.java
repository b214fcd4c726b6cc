package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.Bic;
import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.CashIssuanceRequest;
import io.clearline.core.ledger.api.CashRedemptionRequest;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.core.ledger.api.LedgerReceipt;
import io.clearline.core.ledger.api.NettedSettlementRequest;
import io.clearline.core.ledger.api.PaymentSettlementRequest;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.network.NetworkMembership;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The settlement core's {@link LedgerPort} on this ledger. Each call runs its flow on the given
 * executor (virtual threads). A refusal completes the future exceptionally with
 * {@link io.clearline.core.ledger.api.LedgerRefusedException}: DNOR/CNOR for a bank not admitted to
 * the ledger, AM04 for too little cash, AM05 for a reused transfer id, NARR for a counterparty's or
 * the notary's refusal. Under a membership list (see {@link #followMembership}) a party the list
 * suspends or does not name is refused the same way (DNOR as payer, CNOR as payee).
 */
public final class SettlementLedger implements LedgerPort {
    private final SettlementFlows flows;
    private final IdentityService identities;
    private final Executor executor;
    private volatile NetworkMembership membership = NetworkMembership.none();

    SettlementLedger(SettlementFlows flows, IdentityService identities, Executor executor) {
        this.flows = flows;
        this.identities = identities;
        this.executor = executor;
    }

    @Override
    public CompletableFuture<LedgerReceipt> settlePayment(PaymentSettlementRequest request) {
        return run(() -> {
            Party payer = admitted(request.payer(), ReasonCode.DNOR);
            Party payee = admitted(request.payee(), ReasonCode.CNOR);
            PaymentProposal proposal = new PaymentProposal(request.uetr().value(), payer, payee,
                    request.amount().minorUnits(), request.amount().currency());
            try {
                return new LedgerReceipt(flows.settlePayment(proposal));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling " + request.uetr(), e);
            }
        });
    }

    @Override
    public CompletableFuture<LedgerReceipt> issueCash(CashIssuanceRequest request) {
        return run(() -> {
            Party participant = admitted(request.participant(), ReasonCode.CNOR);
            return new LedgerReceipt(flows.issueCash(request.transferId(), participant,
                    request.amount().minorUnits(), request.amount().currency()));
        });
    }

    @Override
    public CompletableFuture<LedgerReceipt> redeemCash(CashRedemptionRequest request) {
        return run(() -> {
            Party participant = admitted(request.participant(), ReasonCode.DNOR);
            try {
                return new LedgerReceipt(flows.redeemCash(request.transferId(), participant,
                        request.amount().minorUnits(), request.amount().currency()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while redeeming " + request.transferId(), e);
            }
        });
    }

    @Override
    public CompletableFuture<LedgerReceipt> settleNetted(NettedSettlementRequest request) {
        return run(() -> {
            List<PaymentProposal> payments = new ArrayList<>();
            for (PaymentSettlementRequest payment : request.payments()) {
                payments.add(new PaymentProposal(payment.uetr().value(), admitted(payment.payer(), ReasonCode.DNOR),
                        admitted(payment.payee(), ReasonCode.CNOR), payment.amount().minorUnits(),
                        payment.amount().currency()));
            }
            try {
                return new LedgerReceipt(flows.settleNetted(
                        new NettedSettlement.Proposal(request.runId(), request.currency(), payments)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while settling run " + request.runId(), e);
            }
        });
    }

    /**
     * From now on, resolves the banks this node does not host from {@code membership}'s list, and
     * refuses as payer or payee a bank that list suspends or does not name.
     */
    void followMembership(NetworkMembership membership) {
        this.membership = java.util.Objects.requireNonNull(membership, "membership");
    }

    /** Completes with the refusal itself (not wrapped), so callers can match on {@code LedgerRefusedException}. */
    private CompletableFuture<LedgerReceipt> run(Supplier<LedgerReceipt> flow) {
        CompletableFuture<LedgerReceipt> future = new CompletableFuture<>();
        executor.execute(() -> {
            try {
                future.complete(flow.get());
            } catch (Throwable failure) {
                future.completeExceptionally(failure);
            }
        });
        return future;
    }

    private Party admitted(Bic bic, ReasonCode ifNot) {
        NetworkMembership network = membership;
        Party party = identities.find(bic.value()).or(() -> network.party(bic.value()))
                .orElseThrow(() -> refusal(ifNot, bic + " is not admitted to the ledger"));
        network.refusalOf(party).ifPresent(reason -> {
            throw refusal(ifNot, reason);
        });
        return party;
    }
}
