package io.clearline.flows.settlement;

import static io.clearline.flows.settlement.Refusals.refusal;

import io.clearline.core.common.api.ReasonCode;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.flows.ledger.Command;
import io.clearline.flows.ledger.Ed25519;
import io.clearline.flows.ledger.FungibleStateSelector;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.LedgerStore;
import io.clearline.flows.ledger.NotarisationRequest;
import io.clearline.flows.ledger.Notary;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PendingTransaction;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateAndRef;
import io.clearline.flows.ledger.TransactionState;
import io.clearline.flows.ledger.TransactionVerifier;
import io.clearline.flows.ledger.UniquenessService;
import io.clearline.flows.ledger.VaultEntry;
import io.clearline.flows.ledger.WireTransaction;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.runtime.FlowCodec;
import io.clearline.flows.runtime.FlowContext;
import io.clearline.flows.runtime.FlowSession;
import io.clearline.flows.runtime.FlowSessionException;
import io.clearline.flows.runtime.FlowIdReusedException;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.FlowStatus;
import io.clearline.flows.runtime.FlowSummary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * The issue-cash, redeem-cash, settle-payment and settle-netted flows: ordinary blocking code, meant to
 * run on virtual threads. Each is idempotent on its key; concurrent calls with one key share one run.
 * Settle-payment is durable (journaled by the {@link FlowRunner}, resumed after a crash); the others
 * still de-duplicate in memory only, until they move onto the runner too.
 *
 * <p>Every one of them ends with the same {@link #finality two-phase finality}: the signed transaction
 * is recorded pending at every party and the regulator, then notarised, then finalised everywhere, or
 * deleted everywhere if the notary refuses. A pending transaction is never lost: a retry of the
 * operation that built it (same flow id, transfer id or netting run) finishes it, and
 * {@link #resolvePending recovery} finishes those nobody came back for.
 */
final class SettlementFlows {
    /** Cash states one issuance is split into, so that parallel payments do not queue on one state. */
    static final int CASH_STATES_PER_ISSUANCE_MAX = 8;

    private final LedgerParties parties;
    private final IdentityService identities;
    private final TransactionVerifier verifier;
    private final Notary notary;
    private final LedgerStore store;
    private final CashIssuances issuances;
    private final CashRedemptions redemptions;
    private final FungibleStateSelector selector;
    private final SoftLocks softLocks;
    private final FlowCodec<PayeeSignatureResponder.SignatureRequest> signatureRequestCodec;
    private final Duration payeeAnswerTimeout;
    private final PaymentTransactionBuilder builder;
    private final RegulatorAudit regulatorAudit;
    private final NettedSettlement.Responder nettingResponder;
    private final FlowRunner runner;
    private final Clock clock;
    private final ConcurrentMap<String, CompletableFuture<String>> inFlight = new ConcurrentHashMap<>();

    record LedgerParties(Party centralBank, Party notary, Party regulator) {
    }

    SettlementFlows(LedgerParties parties, IdentityService identities, TransactionVerifier verifier, Notary notary,
                    LedgerStore store, CashIssuances issuances, CashRedemptions redemptions,
                    FungibleStateSelector selector, SoftLocks softLocks,
                    PaymentResponder payeeResponder, PaymentTransactionBuilder builder, RegulatorAudit regulatorAudit,
                    FlowRunner runner, Clock clock, Duration payeeAnswerTimeout) {
        this.parties = parties;
        this.identities = identities;
        this.verifier = verifier;
        this.notary = notary;
        this.store = store;
        this.issuances = issuances;
        this.redemptions = redemptions;
        this.selector = selector;
        this.softLocks = softLocks;
        this.signatureRequestCodec = PayeeSignatureResponder.requestCodec(verifier.codecs(), identities);
        this.payeeAnswerTimeout = payeeAnswerTimeout;
        this.builder = builder;
        this.regulatorAudit = regulatorAudit;
        this.nettingResponder = new NettedSettlement.Responder(identities, verifier, store);
        this.runner = runner;
        this.clock = clock;
        runner.register(SettlePaymentFlow.definition(this, identities));
        runner.registerResponder(SettlePaymentFlow.class, new PayeeSignatureResponder(payeeResponder,
                signatureRequestCodec));
    }

    /**
     * Issues central-bank cash to a participant, split into up to {@link #CASH_STATES_PER_ISSUANCE_MAX}
     * states. Asking again with the same transfer id returns the first transaction's id.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException AM05 if the transfer id was used for other content
     */
    String issueCash(String transferId, Party participant, long amountMinorUnits, String currency) {
        return once("issue:" + transferId, () -> issuances.find(transferId)
                .map(existing -> sameIssuance(existing, participant, amountMinorUnits, currency))
                .orElseGet(() -> issueNew(transferId, participant, amountMinorUnits, currency)));
    }

    private String sameIssuance(CashIssuances.Issuance existing, Party participant, long amount, String currency) {
        if (!existing.participant().equals(participant.name()) || existing.amountMinorUnits() != amount
                || !existing.currency().equals(currency)) {
            throw refusal(ReasonCode.AM05, "transfer id " + existing.transferId() + " already issued "
                    + existing.amountMinorUnits() + " " + existing.currency() + " to " + existing.participant());
        }
        return finishIfPending(existing.transactionId());
    }

    private String issueNew(String transferId, Party participant, long amount, String currency) {
        if (amount <= 0) {
            throw refusal(ReasonCode.AM01, "an issuance is of a positive amount, not " + amount);
        }
        int stateCount = (int) Math.min(CASH_STATES_PER_ISSUANCE_MAX, amount);
        List<TransactionState> outputs = new ArrayList<>();
        for (int i = 0; i < stateCount; i++) {
            // The remainder of the division goes to the first state, so the parts sum to the amount exactly.
            long part = amount / stateCount + (i == 0 ? amount % stateCount : 0);
            outputs.add(new TransactionState(new CashState(part, currency, parties.centralBank(), participant),
                    CashContract.NAME, parties.notary()));
        }
        WireTransaction wtx = new WireTransaction(List.of(), outputs,
                List.of(new Command(CashCommand.ISSUE, List.of(parties.centralBank().publicKey()))),
                parties.notary(), null, Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = verifier.codecs().unsigned(wtx);
        stx = stx.withSignature(identities.sign(parties.centralBank(), stx.id()));
        verifier.verifyContracts(verifier.resolve(stx, store));
        CashIssuances.Issuance issuance = new CashIssuances.Issuance(transferId, stx.id(), participant.name(), amount,
                currency);
        try {
            finality(stx, List.of(participant, parties.centralBank()), "issue:" + transferId,
                    connection -> CashIssuances.insert(connection, issuance, clock.instant()));
        } catch (Jdbc.LedgerStorageException e) {
            if (Jdbc.isIntegrityViolation(e)) {
                // Another node process claimed this transfer first; ours recorded nothing. Finish theirs.
                return finishIfPending(issuances.find(transferId).orElseThrow(() -> e).transactionId());
            }
            throw e;
        }
        return stx.id();
    }

    /**
     * Redeems a participant's cash: selects and soft-locks its cash as a payment does, consumes it with
     * a {@link CashCommand#REDEEM} that the owner and the central bank both sign, change back to the
     * owner, notarised and recorded at owner, central bank and regulator. Asking again with the same
     * transfer id returns the first transaction's id.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException AM04 without enough unlocked cash in time;
     *         AM05 if the transfer id was used for other content; AM01 for an amount not positive
     */
    String redeemCash(String transferId, Party participant, long amountMinorUnits, String currency)
            throws InterruptedException {
        try {
            return once("redeem:" + transferId, () -> redemptions.find(transferId)
                    .map(existing -> sameRedemption(existing, participant, amountMinorUnits, currency))
                    .orElseGet(() -> redeemNew(transferId, participant, amountMinorUnits, currency)));
        } catch (InterruptedWrapper e) {
            throw e.interrupted;
        }
    }

    private String sameRedemption(CashRedemptions.Redemption existing, Party participant, long amount,
                                  String currency) {
        if (!existing.participant().equals(participant.name()) || existing.amountMinorUnits() != amount
                || !existing.currency().equals(currency)) {
            throw refusal(ReasonCode.AM05, "transfer id " + existing.transferId() + " already redeemed "
                    + existing.amountMinorUnits() + " " + existing.currency() + " of " + existing.participant());
        }
        return finishIfPending(existing.transactionId());
    }

    private String redeemNew(String transferId, Party participant, long amount, String currency) {
        if (amount <= 0) {
            throw refusal(ReasonCode.AM01, "a redemption is of a positive amount, not " + amount);
        }
        FungibleStateSelector.Result result;
        try {
            result = selector.select(participant, SettlementCodecs.CASH, currency, amount);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedWrapper(e);
        }
        FungibleStateSelector.Selected selected = requireSelected(result, participant, currency, amount, "redeem");
        try {
            return buildSignNotariseRecordRedemption(transferId, participant, amount, currency, selected);
        } finally {
            softLocks.release(selected.lockId(), selected.entries().stream().map(VaultEntry::ref).toList());
        }
    }

    private String buildSignNotariseRecordRedemption(String transferId, Party participant, long amount,
                                                     String currency, FungibleStateSelector.Selected selected) {
        List<StateAndRef> inputs = resolved(selected.entries());
        long change = Math.subtractExact(selected.totalMinorUnits(), amount);
        List<TransactionState> outputs = change == 0 ? List.of()
                : List.of(new TransactionState(new CashState(change, currency, parties.centralBank(), participant),
                        CashContract.NAME, parties.notary()));
        WireTransaction wtx = new WireTransaction(inputs.stream().map(StateAndRef::ref).toList(), outputs,
                List.of(new Command(CashCommand.REDEEM,
                        List.of(participant.publicKey(), parties.centralBank().publicKey()))),
                parties.notary(), null, Ed25519.randomHex(WireTransaction.PRIVACY_SALT_BYTES));
        SignedTransaction stx = verifier.codecs().unsigned(wtx);
        // The owner gives up its cash; the central bank takes it back against reserves: both sign.
        stx = stx.withSignature(identities.sign(participant, stx.id()));
        stx = stx.withSignature(identities.sign(parties.centralBank(), stx.id()));
        verifier.verifySignatures(stx, Set.of(parties.notary().publicKey()));
        verifier.verifyContracts(verifier.resolve(stx, store));
        CashRedemptions.Redemption redemption = new CashRedemptions.Redemption(transferId, stx.id(),
                participant.name(), amount, currency);
        try {
            finality(stx, List.of(participant, parties.centralBank()), "redeem:" + transferId,
                    connection -> CashRedemptions.insert(connection, redemption, clock.instant()));
        } catch (Jdbc.LedgerStorageException e) {
            if (Jdbc.isIntegrityViolation(e)) {
                // Another node process claimed this transfer first; ours recorded nothing. Finish theirs.
                return finishIfPending(redemptions.find(transferId).orElseThrow(() -> e).transactionId());
            }
            throw e;
        }
        return stx.id();
    }

    /**
     * Settles a payment as a durable flow ({@link SettlePaymentFlow}) under the id
     * {@code payment:<UETR>}: selects and soft-locks the payer's cash, has the payee check and sign,
     * notarises, records at payer, payee and regulator. If a payment state with this UETR is already
     * recorded, or the flow completed before, returns that transaction without building another; a
     * call while the flow runs waits for it.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException AM04 without enough unlocked cash in time;
     *         NARR if the payee or the notary refuses (nothing is recorded then); AM05 if the UETR is
     *         settling or settled as another payment
     * @throws io.clearline.flows.runtime.FlowParkedException if the flow is parked for an operator
     */
    String settlePayment(PaymentProposal proposal) throws InterruptedException {
        try {
            return runner.run(SettlePaymentFlow.flowId(proposal.uetr()), new SettlePaymentFlow(this, proposal));
        } catch (FlowIdReusedException e) {
            throw refusal(ReasonCode.AM05, "UETR " + proposal.uetr() + " is settling or settled as another payment: "
                    + e.getMessage());
        }
    }

    /**
     * A payment flow's first step: the transaction that settled the payment already, if any; else the one
     * an earlier run of the flow left pending here (it was killed, or failed, after phase one of finality)
     * finished now: notarised again (harmless if the notary committed it before the run stopped) and
     * finalised everywhere. Empty if there is neither, or the pending one was refused for good and deleted:
     * then the flow builds a fresh transaction. Never a second transaction while one may be committed.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException NARR if the notary refuses the pending
     *         transaction but not for good (its time window passed): it stays pending for an operator
     */
    Optional<String> settledOrFinished(PaymentProposal proposal, String operationKey) {
        LedgerStore.RecordedOrPending found = store.recordedOrPending(proposal.payer(), SettlementCodecs.PAYMENT,
                proposal.uetr(), operationKey);
        if (found.recorded().isPresent() || found.pending().isEmpty()) {
            return found.recorded();
        }
        String pendingId = found.pending().get();
        Optional<PendingTransaction> pending = store.pending(pendingId);
        if (pending.isEmpty()) {
            // Finished or deleted meanwhile (by recovery): look again.
            return store.transactionOfLinearState(proposal.payer(), SettlementCodecs.PAYMENT, proposal.uetr());
        }
        try {
            return Optional.of(finishPending(pending.get()));
        } catch (LedgerRefusedException refused) {
            if (store.pending(pendingId).isPresent()) {
                throw refused;
            }
            return Optional.empty();
        }
    }

    /** The payer's cash for {@code amount}, soft-locked under {@code lockId}, or the AM04 refusal. */
    List<VaultEntry> selectCash(Party owner, String currency, long amount, String spendFor, UUID lockId)
            throws InterruptedException {
        FungibleStateSelector.Result result = selector.select(owner, SettlementCodecs.CASH, currency, amount, lockId);
        return requireSelected(result, owner, currency, amount, spendFor).entries();
    }

    /** Builds the payment from the selected cash and signs it as payer. */
    SignedTransaction buildAndSignAsPayer(PaymentProposal proposal, List<VaultEntry> entries, String privacySalt) {
        List<StateAndRef> inputs = resolved(entries);
        SignedTransaction stx = verifier.codecs().unsigned(builder.build(proposal, inputs, parties.notary(), privacySalt));
        stx = stx.withSignature(identities.sign(proposal.payer(), stx.id()));
        verifier.verifySignatures(stx, Set.of(proposal.payee().publicKey(), parties.notary().publicKey()));
        return stx;
    }

    /**
     * Sends the payer-signed transaction to the payee on a session and receives the payee's signature,
     * which must be the payee's key over this transaction; returns the transaction signed by both.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException NARR if the payee refused (its reason),
     *         did not answer within the payee answer timeout, or answered with a signature that is not its own
     */
    SignedTransaction collectPayeeSignature(FlowContext context, SignedTransaction signedByPayer,
                                            PaymentProposal proposal) throws InterruptedException {
        FlowSession session = context.initiateFlow(proposal.payer().name(), proposal.payee().name());
        TransactionSignature payeeSignature;
        try {
            payeeSignature = session.sendAndReceive(signatureRequestCodec,
                    new PayeeSignatureResponder.SignatureRequest(signedByPayer, proposal),
                    PayeeSignatureResponder.SIGNATURE, payeeAnswerTimeout, signature -> {
                        if (!signature.by().equals(proposal.payee().publicKey()) || !signature.verifies(signedByPayer.id())) {
                            throw refusal(ReasonCode.NARR, "payee " + proposal.payee() + " answered with a signature"
                                    + " that is not its own over transaction " + signedByPayer.id());
                        }
                    });
        } catch (FlowSessionException e) {
            throw refusal(ReasonCode.NARR, "payee " + proposal.payee() + " did not sign: " + e.getMessage());
        }
        SignedTransaction stx = signedByPayer.withSignature(payeeSignature);
        verifier.verifySignatures(stx, Set.of(parties.notary().publicKey()));
        return stx;
    }

    LedgerStore store() {
        return store;
    }

    /** A notarised transaction and when it was notarised, for journals. */
    FlowCodec<RecordedTransaction> recordedTransactionCodec() {
        return FlowCodec.STRINGS.map(
                recorded -> List.of(recorded.notarisedAt().toString(), verifier.codecs().serialize(recorded.transaction())),
                fields -> new RecordedTransaction(verifier.codecs().deserialize(fields.get(1)), Instant.parse(fields.get(0))));
    }

    /** The selected cash, or the AM04 refusal that explains why there is not enough to {@code spendFor}. */
    private static FungibleStateSelector.Selected requireSelected(FungibleStateSelector.Result result, Party owner,
                                                                  String currency, long amount, String spendFor) {
        if (result instanceof FungibleStateSelector.Insufficient insufficient) {
            throw refusal(ReasonCode.AM04, owner + " has " + insufficient.unconsumedMinorUnits() + " " + currency
                    + " (minor units) of cash" + (insufficient.lockedByOthers()
                    ? ", not enough of it unlocked in time," : "") + " to " + spendFor + " " + amount);
        }
        if (result instanceof FungibleStateSelector.Fragmented fragmented) {
            throw refusal(ReasonCode.AM04, owner + " has enough " + currency + " cash in too many small states: the "
                    + fragmented.statesMax() + " it may spend to " + spendFor + " cover only "
                    + fragmented.coveredByStatesMaxMinorUnits() + " of " + amount + " (minor units)");
        }
        return (FungibleStateSelector.Selected) result;
    }

    /**
     * Settles payments together (a gridlock run): soft-locks each net payer's cash for its net outflow,
     * has every payer and payee check and sign, notarises, records at every party and the regulator.
     * If the run's first payment is already recorded, returns its transaction without building another;
     * if the run's transaction is pending here (a first attempt died midway), finishes that one.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException AM04 when a net payer lacks unlocked
     *         cash in time; NARR if a party or the notary refuses. Nothing is recorded then.
     */
    String settleNetted(NettedSettlement.Proposal proposal) throws InterruptedException {
        PaymentProposal first = proposal.payments().get(0);
        try {
            String operationKey = "netting:" + proposal.runId();
            return once(operationKey, () -> store
                    .transactionOfLinearState(first.payer(), SettlementCodecs.PAYMENT, first.uetr())
                    .or(() -> store.pendingOfOperation(operationKey).map(this::finishPending))
                    .orElseGet(() -> settleNettedNew(proposal, operationKey)));
        } catch (InterruptedWrapper e) {
            throw e.interrupted;
        }
    }

    private String settleNettedNew(NettedSettlement.Proposal proposal, String operationKey) {
        Map<Party, FungibleStateSelector.Selected> selections = new LinkedHashMap<>();
        try {
            Map<Party, List<StateAndRef>> cashInputs = new LinkedHashMap<>();
            for (Map.Entry<Party, Long> net : proposal.nets().entrySet()) {
                if (net.getValue() >= 0) {
                    continue;
                }
                long outflow = Math.negateExact(net.getValue());
                FungibleStateSelector.Result result;
                try {
                    result = selector.select(net.getKey(), SettlementCodecs.CASH, proposal.currency(), outflow);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedWrapper(e);
                }
                FungibleStateSelector.Selected selected =
                        requireSelected(result, net.getKey(), proposal.currency(), outflow, "pay its net of");
                selections.put(net.getKey(), selected);
                cashInputs.put(net.getKey(), resolved(selected.entries()));
            }
            SignedTransaction stx = verifier.codecs().unsigned(
                    NettedSettlement.build(proposal, cashInputs, parties.notary()));
            for (Party party : proposal.nets().keySet()) {
                stx = stx.withSignature(nettingResponder.checkAndSign(stx, proposal, party));
            }
            verifier.verifySignatures(stx, Set.of(parties.notary().publicKey()));
            finality(stx, List.copyOf(proposal.nets().keySet()), operationKey, NO_CLAIMS);
            return stx.id();
        } finally {
            selections.values().forEach(selected -> softLocks.release(selected.lockId(),
                    selected.entries().stream().map(VaultEntry::ref).toList()));
        }
    }

    private List<StateAndRef> resolved(List<VaultEntry> entries) {
        return entries.stream().map(entry -> new StateAndRef(store.resolve(entry.ref())
                .orElseThrow(() -> new IllegalStateException("vault lists unrecorded " + entry.ref())), entry.ref()))
                .toList();
    }

    /** For a transaction that claims no idempotency key of its own in phase one. */
    static final LedgerStore.AlsoInSameTransaction NO_CLAIMS = connection -> { };

    /** Phase two as a step of its caller: a durable flow journals it, the others call the notary directly. */
    @FunctionalInterface
    interface NotarisationStep {
        RecordedTransaction notarise(SignedTransaction stx) throws InterruptedException;
    }

    /**
     * Two-phase finality, the one way every flow here makes a transaction final. Phase one records
     * {@code stx} (signed by its parties) pending at {@code participants} and the regulator, with
     * {@code claims}, in one database transaction; phase two is {@code notarisation}, which must end in
     * {@link #notarise}; phase three {@link #recordFinal finalises} it at every one of them in one
     * database transaction. Each phase is idempotent, so a caller that died anywhere may call this again
     * with the same transaction (a durable flow does, on replay) and it converges.
     *
     * <p>The regulator follows the same path as the parties: a pending copy at the regulator means the
     * party that finishes the transaction knows the regulator still needs it, so nobody can end final
     * with the regulator missing it.
     *
     * @param operationKey what built the transaction (flow id, "issue:"/"redeem:" transfer id,
     *        "netting:" run id): a retry of that operation finds and finishes it
     * @throws io.clearline.core.ledger.api.LedgerRefusedException NARR if the notary refused (the
     *         transaction and its claims are then deleted everywhere)
     */
    RecordedTransaction finality(SignedTransaction stx, List<Party> participants, String operationKey,
                                 LedgerStore.AlsoInSameTransaction claims, NotarisationStep notarisation)
            throws InterruptedException {
        store.recordPending(stx, participants, List.of(parties.regulator()), operationKey, claims);
        RecordedTransaction notarised = notarisation.notarise(stx);
        recordFinal(notarised, participants);
        return notarised;
    }

    /** {@link #finality(SignedTransaction, List, String, LedgerStore.AlsoInSameTransaction, NotarisationStep)}, notarising directly. */
    private RecordedTransaction finality(SignedTransaction stx, List<Party> participants, String operationKey,
                                         LedgerStore.AlsoInSameTransaction claims) {
        try {
            return finality(stx, participants, operationKey, claims, this::notarise);
        } catch (InterruptedException e) {
            throw new IllegalStateException("notarising directly does not wait to be interrupted", e);
        }
    }

    /**
     * Phase three of finality: records a notarised transaction as final at its participants and at the
     * regulator, which verifies it first and, when it records it for the first time, writes its
     * finding in the same database transaction. A finding of failure does not stop the recording:
     * the transaction is final; the audit reports it.
     */
    void recordFinal(RecordedTransaction recorded, List<Party> participants) {
        finaliseAt(recorded, participants, List.of(parties.regulator()));
    }

    private void finaliseAt(RecordedTransaction recorded, List<Party> participants, List<Party> observers) {
        RegulatorAudit.Entry finding = regulatorAudit.verify(recorded);
        store.finalise(recorded, participants, observers, NO_CLAIMS,
                (connection, observer) -> RegulatorAudit.write(connection, finding, recorded.notarisedAt()));
    }

    /**
     * Phase two of finality: notarises. If the notary refuses for good (a conflict: its inputs are spent
     * by another transaction), deletes the pending transaction and its claims everywhere before refusing,
     * so a retry starts afresh. Re-notarising a transaction the notary signed before signs it again,
     * which is what lets a retry or recovery finish a transaction whose notarisation nobody kept.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException NARR with the notary's explanation
     */
    RecordedTransaction notarise(SignedTransaction stx) {
        // Non-validating: the notary gets inputs, notary, time window and signers, never amounts.
        Notary.Result result = notary.notarise(NotarisationRequest.of(stx, verifier.codecs()));
        if (result instanceof Notary.Refused refused) {
            if (refusedForGood(stx, refused)) {
                deletePendingEverywhere(stx.id());
            }
            throw refusal(ReasonCode.NARR, "notary " + parties.notary() + " refused: " + refused.explanation());
        }
        Notary.Notarised notarised = (Notary.Notarised) result;
        return new RecordedTransaction(stx.withSignature(notarised.signature()), notarised.notarisedAt());
    }

    /**
     * A conflict, or any refusal of a transaction without a time window, can never turn into a
     * signature. A transaction with a time window refused for its time may have been signed inside its
     * window before: deleting it then could lose its inputs, so it stays pending for an operator.
     */
    private static boolean refusedForGood(SignedTransaction stx, Notary.Refused refused) {
        return !refused.conflicts().isEmpty() || stx.tx().timeWindow() == null;
    }

    /** Finishes {@code transactionId} if it is pending here (its operation is being retried); returns it. */
    private String finishIfPending(String transactionId) {
        store.pending(transactionId).ifPresent(this::finishPending);
        return transactionId;
    }

    /**
     * Phases two and three for a transaction that phase one left pending: notarises it again (harmless
     * if it was notarised) and finalises it at the holders still waiting for it, or deletes it everywhere
     * if the notary refuses for good.
     *
     * @throws io.clearline.core.ledger.api.LedgerRefusedException NARR if the notary refused
     */
    private String finishPending(PendingTransaction pending) {
        RecordedTransaction notarised = notarise(pending.transaction());
        finaliseAt(notarised, partiesNamed(pending.participantNames()), partiesNamed(pending.observerNames()));
        return notarised.transaction().id();
    }

    private List<Party> partiesNamed(List<String> names) {
        return names.stream().map(name -> identities.find(name)
                .orElseThrow(() -> new IllegalStateException("no ledger identity named " + name))).toList();
    }

    /**
     * Recovery: resolves at most {@code transactionsMax} transactions pending since before
     * {@code recordedBefore}, oldest first: each is notarised again and finalised everywhere, or deleted
     * everywhere if the notary refuses for good. A transaction whose flow is still unfinished (running,
     * waiting to be resumed, or parked for an operator) is left to that flow, which finishes it itself.
     * A failure (the notary unreachable, say) leaves that transaction for the next run.
     */
    PendingResolution resolvePending(Instant recordedBefore, int transactionsMax) {
        int finalised = 0;
        int deleted = 0;
        int leftToFlows = 0;
        int unresolved = 0;
        for (String transactionId : store.pendingRecordedBefore(recordedBefore, transactionsMax)) {
            Optional<PendingTransaction> pending = store.pending(transactionId);
            if (pending.isEmpty()) {
                continue;
            }
            if (ownedByUnfinishedFlow(pending.get())) {
                leftToFlows++;
                continue;
            }
            if (ofAKilledFlowNeverCommitted(pending.get())) {
                deletePendingEverywhere(transactionId);
                deleted++;
                continue;
            }
            try {
                finishPending(pending.get());
                finalised++;
            } catch (RuntimeException e) {
                // A refusal deleted it; a retry of its operation may have finished it meanwhile (then ours
                // failed on its duplicate rows); anything else leaves it pending for the next run.
                if (store.pending(transactionId).isPresent()) {
                    unresolved++;
                } else if (store.transaction(transactionId).isPresent()) {
                    finalised++;
                } else {
                    deleted++;
                }
            }
        }
        return new PendingResolution(finalised, deleted, leftToFlows, unresolved);
    }

    /**
     * The transaction of a flow an operator killed, which the notary says it never committed: its flow's
     * caller was told the flow was killed, so recovery deletes it rather than commit it now (a payment
     * asked again finishes it in its own run instead). One the notary committed is finished as any
     * other; so is one the uniqueness service cannot tell about (a Raft cluster with no leader answering).
     */
    private boolean ofAKilledFlowNeverCommitted(PendingTransaction pending) {
        return runner.find(pending.operationKey()).map(FlowSummary::status).filter(FlowStatus.KILLED::equals).isPresent()
                && notary.commitmentOf(pending.transaction()) == UniquenessService.Commitment.NOT_COMMITTED;
    }

    private void deletePendingEverywhere(String transactionId) {
        store.deletePending(transactionId, connection -> TransferClaims.deleteClaimsOf(connection, transactionId));
    }

    private boolean ownedByUnfinishedFlow(PendingTransaction pending) {
        return runner.find(pending.operationKey()).map(FlowSummary::status)
                .filter(status -> status == FlowStatus.RUNNABLE || status == FlowStatus.PARKED).isPresent();
    }

    /** Runs {@code work} once per key at a time; a concurrent caller with the same key gets the same outcome. */
    private String once(String key, Supplier<String> work) {
        CompletableFuture<String> mine = new CompletableFuture<>();
        CompletableFuture<String> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
        try {
            String transactionId = work.get();
            mine.complete(transactionId);
            return transactionId;
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Carries an interruption through the supplier that cannot throw checked exceptions. */
    private static final class InterruptedWrapper extends RuntimeException {
        private final InterruptedException interrupted;

        InterruptedWrapper(InterruptedException interrupted) {
            super(interrupted);
            this.interrupted = interrupted;
        }
    }
}
