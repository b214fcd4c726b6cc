package io.clearline.flows.settlement;

import io.clearline.core.common.api.Bic;
import io.clearline.core.ledger.api.LedgerRefusedException;
import io.clearline.core.ledger.api.LedgerPort;
import io.clearline.flows.ledger.BatchNotarySigner;
import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.FungibleStateSelector;
import io.clearline.flows.ledger.IdentityService;
import io.clearline.flows.network.NetworkMembership;
import io.clearline.flows.ledger.Jdbc;
import io.clearline.flows.ledger.JdbcUniquenessService;
import io.clearline.flows.ledger.LedgerCodecs;
import io.clearline.flows.ledger.LedgerSchema;
import io.clearline.flows.ledger.LedgerStore;
import io.clearline.flows.ledger.Notary;
import io.clearline.flows.ledger.NotarySigner;
import io.clearline.flows.ledger.Page;
import io.clearline.flows.ledger.Party;
import io.clearline.flows.ledger.PublicKey;
import io.clearline.flows.ledger.RecordedTransaction;
import io.clearline.flows.ledger.SignedTransaction;
import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.TransactionSignature;
import io.clearline.flows.ledger.TransactionState;
import io.clearline.flows.ledger.TransactionVerifier;
import io.clearline.flows.runtime.FlowHospital;
import io.clearline.flows.runtime.FlowRunner;
import io.clearline.flows.runtime.NetworkMap;
import io.clearline.flows.transport.FaultPlan;
import io.clearline.flows.transport.InMemoryTransport;
import io.clearline.flows.transport.Transport;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.IntStream;
import javax.sql.DataSource;

/**
 * The ledger as the node wires it: one process hosting the central bank, the notary, the regulator
 * and every admitted bank, on one database.
 *
 * <pre>{@code
 * ClearlineLedger ledger = ClearlineLedger.open(dataSource, clock, Executors.newVirtualThreadPerTaskExecutor(),
 *         "CBANKXXX", "notary", "regulator");
 * ledger.admit(Bic.of("BANKDEFF"));
 * LedgerPort port = ledger.ledgerPort();
 * }</pre>
 *
 * Opening creates the tables if missing and the three service identities (keys generated once, kept),
 * resumes the flows a crash left unfinished, and resolves transactions left pending by finality
 * ({@link #resolvePendingTransactions}).
 */
public final class ClearlineLedger implements AutoCloseable {
    /** A crashed flow's cash locks free themselves after this. */
    public static final Duration SOFT_LOCK_TIMEOUT = Duration.ofSeconds(30);
    /** How long a payment waits for cash that other payments hold locked, before refusing with AM04. */
    public static final Duration SOFT_LOCK_WAIT_MAX = Duration.ofSeconds(10);
    public static final Duration SOFT_LOCK_RETRY_INTERVAL = Duration.ofMillis(5);
    /** Notarisations committed in one database transaction at most. */
    public static final int NOTARY_BATCH_SIZE_MAX = 128;
    /**
     * How long a notary batch waits to fill. Zero: a batch is what queued while the previous one
     * committed, so a lone payment never waits and a busy notary still batches (group commit).
     */
    public static final Duration NOTARY_BATCH_WAIT_MAX = Duration.ZERO;
    /** Notarisations queued at most; more callers block until there is room (back pressure). */
    public static final int NOTARY_QUEUE_CAPACITY_MAX = 4_096;
    /**
     * A transaction pending (recorded by phase one of finality, neither finalised nor deleted) for longer
     * than this is taken as abandoned by what recorded it, and recovery resolves it. Far longer than a
     * live flow spends between phases one and three, so recovery does not race a flow that is merely slow
     * (it would be harmless, every phase being idempotent, but wasted work).
     */
    public static final Duration PENDING_RECOVERY_AGE_MIN = Duration.ofMinutes(1);
    /** Pending transactions one recovery run resolves at most; the next run takes the rest. */
    public static final int PENDING_RECOVERED_PER_RUN_MAX = 100;
    /**
     * How long a payer's flow waits for the payee's signature before it refuses the payment (NARR) and
     * releases its cash. The payee checks and signs in milliseconds; this is for a payee that is down.
     */
    public static final Duration PAYEE_ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** The node's name on its transport: every identity of this ledger lives on it, so sessions loop back. */
    public static final String LOCAL_NODE = "local";

    private final SettlementFlows.LedgerParties parties;
    private final IdentityService identities;
    private final LedgerStore store;
    private final CashIssuances issuances;
    private final CashRedemptions redemptions;
    private final SoftLocks softLocks;
    private final SettlementFlows flows;
    private final SettlementLedger ledgerPort;
    private final RegulatorAudit regulatorAudit;
    private final FlowRunner flowRunner;
    private final Clock clock;
    private final Executor flowExecutor;
    private final Transport transport;
    private volatile CompletableFuture<Integer> resumption;
    private volatile CompletableFuture<PendingResolution> recovery;

    private ClearlineLedger(DataSource dataSource, Clock clock, Executor flowExecutor, String centralBankName,
                            String notaryName, String regulatorName, PaymentTransactionBuilder builder,
                            Node node, Duration softLockWaitMax) {
        Jdbc jdbc = new Jdbc(dataSource);
        LedgerSchema.create(jdbc);
        this.identities = new IdentityService(jdbc, clock);
        if (node.notaryClusterKey() != null) {
            // Before the lookup below, which would otherwise create a key pair for the notary here.
            identities.knowRemote(notaryName, node.notaryClusterKey());
        }
        this.parties = new SettlementFlows.LedgerParties(identities.getOrCreate(centralBankName),
                identities.getOrCreate(notaryName), identities.getOrCreate(regulatorName));
        LedgerCodecs codecs = SettlementCodecs.registerAll(new LedgerCodecs());
        TransactionVerifier verifier = new TransactionVerifier(codecs)
                .register(CashContract.NAME, new CashContract())
                .register(PaymentContract.NAME, new PaymentContract());
        this.store = new LedgerStore(jdbc, codecs, clock);
        this.issuances = new CashIssuances(jdbc);
        this.redemptions = new CashRedemptions(jdbc);
        this.softLocks = new SoftLocks(SOFT_LOCK_TIMEOUT);
        // Two group commits in a row: one database transaction per batch of commits, one signature per
        // batch of committed ids (the batches need not coincide; each id's proof names its own).
        Notary notary = new Notary(parties.notary(), new BatchingUniquenessService(
                node.notaryCommitter() != null ? node.notaryCommitter() : new JdbcUniquenessService(jdbc), NOTARY_BATCH_SIZE_MAX, NOTARY_BATCH_WAIT_MAX, NOTARY_QUEUE_CAPACITY_MAX),
                verifier, clock, node.notaryClusterKey() != null ? NotarySigner.heldByCluster(parties.notary())
                        : new BatchNotarySigner(identities, parties.notary(), NOTARY_BATCH_SIZE_MAX,
                        NOTARY_BATCH_WAIT_MAX, NOTARY_QUEUE_CAPACITY_MAX));
        FungibleStateSelector selector = new FungibleStateSelector(store, softLocks, softLockWaitMax,
                SOFT_LOCK_RETRY_INTERVAL);
        PayeeResponder responder = new PayeeResponder(identities, verifier, store);
        this.regulatorAudit = new RegulatorAudit(jdbc, verifier, store);
        this.clock = clock;
        this.flowExecutor = flowExecutor;
        // A refusal is the flow's answer to its caller (FAILED), not an error for an operator to look at.
        this.flowRunner = new FlowRunner(jdbc, softLocks, clock, flowExecutor,
                new FlowHospital(failure -> failure instanceof LedgerRefusedException), FlowRunner.Limits.DEFAULTS);
        this.flows = new SettlementFlows(parties, identities, verifier, notary, store, issuances, redemptions, selector,
                softLocks, responder, builder, regulatorAudit, flowRunner, clock, node.payeeAnswerTimeout());
        this.ledgerPort = new SettlementLedger(flows, identities, flowExecutor);
        // Sessions go through the transport even between two identities of this node (they loop back),
        // through the same outbox and inbox that sessions between separate nodes use.
        this.transport = node.transport();
        flowRunner.connect(node.name(), node.transport(), node.networkMap());
    }

    /**
     * Where this ledger sits on a network and what it leans on: its node's name on {@code transport},
     * which node hosts each party ({@code networkMap}; the parties this ledger hosts must map to
     * {@code name}), the notary's uniqueness service (null: a table in this ledger's database) and how
     * long a payer waits for its payee. The ledger closes the transport when it closes.
     *
     * <pre>{@code
     * ClearlineLedger.Node.embedded()                                         // what open(...) uses
     * ClearlineLedger.Node.on("bank-a", httpTransport, networkMap).withNotaryCommitter(raftClient)
     * }</pre>
     */
    public record Node(String name, Transport transport, NetworkMap networkMap,
                       BatchingUniquenessService.BatchCommitter notaryCommitter, PublicKey notaryClusterKey,
                       Duration payeeAnswerTimeout) {
        public Node {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a node's name is not blank");
            }
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(networkMap, "networkMap");
            if (notaryClusterKey != null && notaryCommitter == null) {
                throw new IllegalArgumentException("a notary cluster's key comes with the cluster's client, which "
                        + "checks its signatures");
            }
            Objects.requireNonNull(payeeAnswerTimeout, "payeeAnswerTimeout");
            if (payeeAnswerTimeout.isNegative() || payeeAnswerTimeout.isZero()) {
                throw new IllegalArgumentException("the payee answer timeout is positive, not " + payeeAnswerTimeout);
            }
        }

        /** The embedded default: every party on node {@link #LOCAL_NODE}, sessions on an in-memory loopback. */
        public static Node embedded() {
            return on(LOCAL_NODE, new InMemoryTransport(FaultPlan.NONE), NetworkMap.singleNode(LOCAL_NODE));
        }

        /** Node {@code name} on {@code transport}, its notary's uniqueness in its own database. */
        public static Node on(String name, Transport transport, NetworkMap networkMap) {
            return new Node(name, transport, networkMap, null, null, PAYEE_ANSWER_TIMEOUT);
        }

        public Node withNotaryCommitter(BatchingUniquenessService.BatchCommitter committer) {
            return new Node(name, transport, networkMap, Objects.requireNonNull(committer, "committer"), null,
                    payeeAnswerTimeout);
        }

        /**
         * The notary's uniqueness decided by a cluster that signs with its service key: the notary is the
         * party of that public key, this node holds no notary private key, and every notarisation carries
         * the cluster's signature ({@code committer} must require and check it, as a
         * {@code RaftUniquenessService} given the same key does).
         */
        public Node withNotaryCluster(BatchingUniquenessService.BatchCommitter committer, PublicKey clusterKey) {
            return new Node(name, transport, networkMap, Objects.requireNonNull(committer, "committer"),
                    Objects.requireNonNull(clusterKey, "clusterKey"), payeeAnswerTimeout);
        }

        public Node withPayeeAnswerTimeout(Duration timeout) {
            return new Node(name, transport, networkMap, notaryCommitter, notaryClusterKey, timeout);
        }
    }

    /**
     * Opens the ledger on a database (H2 2.x or PostgreSQL 15). Flows run on {@code flowExecutor};
     * give it virtual threads, since flows block. Names are the identities of the central bank (the
     * cash issuer; usually its BIC), the notary and the regulator (observer of every transaction).
     */
    public static ClearlineLedger open(DataSource dataSource, Clock clock, Executor flowExecutor,
                                       String centralBankName, String notaryName, String regulatorName) {
        return open(dataSource, clock, flowExecutor, centralBankName, notaryName, regulatorName, Node.embedded());
    }

    /**
     * As {@link #open(DataSource, Clock, Executor, String, String, String)}, with the notary's uniqueness
     * decided by {@code notaryCommitter} (a Raft cluster's client, say) instead of a table in this
     * ledger's database. The notary's key and its signing stay here.
     *
     * <p>WARNING: the notary checks time windows with {@code clock}, not the cluster's leader's time.
     */
    public static ClearlineLedger open(DataSource dataSource, Clock clock, Executor flowExecutor,
                                       String centralBankName, String notaryName, String regulatorName,
                                       BatchingUniquenessService.BatchCommitter notaryCommitter) {
        return open(dataSource, clock, flowExecutor, centralBankName, notaryName, regulatorName,
                Node.embedded().withNotaryCommitter(notaryCommitter));
    }

    /**
     * As {@link #open(DataSource, Clock, Executor, String, String, String, BatchingUniquenessService.BatchCommitter)},
     * for a notary cluster that signs with its service key ({@link Node#withNotaryCluster}).
     *
     * @throws IllegalStateException if this database holds its own key pair for {@code notaryName}
     */
    public static ClearlineLedger open(DataSource dataSource, Clock clock, Executor flowExecutor,
                                       String centralBankName, String notaryName, String regulatorName,
                                       BatchingUniquenessService.BatchCommitter notaryCommitter,
                                       PublicKey notaryClusterKey) {
        return open(dataSource, clock, flowExecutor, centralBankName, notaryName, regulatorName,
                Node.embedded().withNotaryCluster(notaryCommitter, notaryClusterKey));
    }

    /**
     * As {@link #open(DataSource, Clock, Executor, String, String, String)}, as node {@code node.name()}
     * on {@code node.transport()} (the networked transport, say), sessions routed by its network map.
     */
    public static ClearlineLedger open(DataSource dataSource, Clock clock, Executor flowExecutor,
                                       String centralBankName, String notaryName, String regulatorName, Node node) {
        return resumed(new ClearlineLedger(dataSource, clock, flowExecutor, centralBankName, notaryName, regulatorName,
                new HonestPaymentTransactionBuilder(), Objects.requireNonNull(node, "node"), SOFT_LOCK_WAIT_MAX));
    }

    /** For tests that play a dishonest payer. */
    static ClearlineLedger openWithBuilder(DataSource dataSource, Clock clock, Executor flowExecutor,
                                           PaymentTransactionBuilder builder) {
        return resumed(new ClearlineLedger(dataSource, clock, flowExecutor, "CBANKXXX", "notary", "regulator", builder,
                Node.embedded(), SOFT_LOCK_WAIT_MAX));
    }

    /**
     * For tests that queue more payments on one bank's cash than {@link #SOFT_LOCK_WAIT_MAX} lets wait:
     * payments wait for cash locked by others at most {@code softLockWaitMax}.
     */
    static ClearlineLedger openWithSoftLockWait(DataSource dataSource, Clock clock, Executor flowExecutor,
                                                Duration softLockWaitMax) {
        return resumed(new ClearlineLedger(dataSource, clock, flowExecutor, "CBANKXXX", "notary", "regulator",
                new HonestPaymentTransactionBuilder(), Node.embedded(), softLockWaitMax));
    }

    /**
     * Stops the node's sessions: no more envelopes are taken or resent (what is unacknowledged waits in
     * the outbox for the next opening). Flows still running fail at their next receive. Close the flow
     * executor after this, not before.
     */
    @Override
    public void close() {
        flowRunner.disconnect();
        transport.close();
    }

    /**
     * Flows a crash left RUNNABLE run again from their journals, on the flow executor; opening does
     * not wait for them (a payment asked for again meanwhile joins its resumed flow). Recovery of
     * pending transactions runs on the flow executor too, beside them; it leaves the transactions of
     * unfinished flows to those flows.
     */
    private static ClearlineLedger resumed(ClearlineLedger ledger) {
        ledger.resumption = ledger.flowRunner.resumeUnfinished();
        ledger.recovery = CompletableFuture.supplyAsync(ledger::resolvePendingTransactions, ledger.flowExecutor);
        return ledger;
    }

    /**
     * Recovery, for operators and at opening: resolves up to {@link #PENDING_RECOVERED_PER_RUN_MAX}
     * transactions pending for longer than {@link #PENDING_RECOVERY_AGE_MIN}, oldest first. Each is
     * notarised again (harmless if the notary signed it before: it signs again) and finalised at every
     * holder, or deleted at every holder if the notary refuses it for good (a conflict). Transactions of
     * unfinished flows are left to those flows. Call it again while it resolves a full run.
     */
    public PendingResolution resolvePendingTransactions() {
        return flows.resolvePending(clock.instant().minus(PENDING_RECOVERY_AGE_MIN), PENDING_RECOVERED_PER_RUN_MAX);
    }

    /** Gives a bank its ledger identity and key pair, if it has none yet. Idempotent. */
    public Party admit(Bic bic) {
        return identities.getOrCreate(bic.value());
    }

    /**
     * Makes the ledger consult the network's membership list, as {@code membership} holds it (a
     * {@link io.clearline.flows.network.MembershipFollower} keeps it current): a bank this node does not
     * host resolves from the list, and a bank the list suspends or does not name is refused as payer
     * (DNOR) or payee (CNOR); the payee's responder refuses a session such a party opens. Without a call,
     * the ledger decides on its hosted identities alone.
     */
    public void followMembership(NetworkMembership membership) {
        ledgerPort.followMembership(membership);
        flowRunner.followMembership(membership);
    }

    /** The port the settlement core calls to issue and redeem cash and settle payments. */
    public LedgerPort ledgerPort() {
        return ledgerPort;
    }

    /**
     * The durable flows of this node, for operators: list them by status, retry a parked one, kill one
     * (which releases its soft locks).
     */
    public FlowRunner flowRunner() {
        return flowRunner;
    }

    /** Completes, with how many flows were resumed at opening, once every one of them has ended. */
    CompletableFuture<Integer> resumption() {
        return resumption;
    }

    /** Completes with what the recovery run at opening did. */
    CompletableFuture<PendingResolution> recovery() {
        return recovery;
    }

    public Party centralBank() {
        return parties.centralBank();
    }

    public Party notary() {
        return parties.notary();
    }

    public Party regulator() {
        return parties.regulator();
    }

    /** Unconsumed cash a bank owns in a currency, in minor units, from its own vault. */
    public long cashBalance(Bic owner, String currency) {
        return identities.find(owner.value())
                .map(party -> store.sumUnconsumed(party, SettlementCodecs.CASH, currency, party.name(), null))
                .orElse(0L);
    }

    /** Unconsumed cash at all owners but the issuer, from the regulator's copy: must equal {@link #issued}. */
    public long cashInCirculation(String currency) {
        return store.sumUnconsumed(parties.regulator(), SettlementCodecs.CASH, currency, null,
                parties.centralBank().name());
    }

    /**
     * Cash issued minus redeemed, counted from the issuance and redemption records: what must be in
     * circulation ({@link #cashInCirculation}).
     */
    public long issued(String currency) {
        return Math.subtractExact(issuances.issued(currency), redemptions.redeemed(currency));
    }

    /** Cash redeemed, counted from the redemption records. */
    public long redeemed(String currency) {
        return redemptions.redeemed(currency);
    }

    /** A recorded transaction with its signatures, each checked, and its notarisation; empty if unknown. */
    public Optional<TransactionView> transaction(String transactionId) {
        return store.transaction(transactionId).map(this::view);
    }

    /**
     * The regulator's audit of every transaction it recorded, verified as it recorded it: counts,
     * cash issued and in circulation per currency, the first {@link RegulatorAudit#FAILURES_LISTED_MAX}
     * failures. {@code clean} when nothing failed and circulation equals issuance in every currency.
     */
    public LedgerAudit audit() {
        return regulatorAudit.audit(clock.instant());
    }

    /** Every audit failure, oldest first, a page at a time (at most {@link Page#PAGE_SIZE_MAX} per page). */
    public Page<AuditFailure> auditFailures(int pageNumber, int pageSize) {
        return regulatorAudit.failures(pageNumber, pageSize);
    }

    /** Whether that party holds that transaction as final (phase three of finality recorded it there). */
    public boolean isRecordedAt(Party holder, String transactionId) {
        return store.holds(holder, transactionId);
    }

    IdentityService identities() {
        return identities;
    }

    LedgerStore store() {
        return store;
    }

    SoftLocks softLocks() {
        return softLocks;
    }

    SettlementFlows flows() {
        return flows;
    }

    private TransactionView view(RecordedTransaction recorded) {
        SignedTransaction stx = recorded.transaction();
        List<TransactionView.OutputView> outputs = IntStream.range(0, stx.tx().outputs().size()).mapToObj(index -> {
            TransactionState output = stx.tx().outputs().get(index);
            return new TransactionView.OutputView(index, store.codecs().typeName(output.data()),
                    output.contractName(), store.codecs().describe(output.data()));
        }).toList();
        List<TransactionView.SignatureView> signatures = new ArrayList<>();
        TransactionView.SignatureView notarySignature = null;
        for (TransactionSignature signature : stx.signatures()) {
            TransactionView.SignatureView view = new TransactionView.SignatureView(nameOf(signature.by()),
                    signature.by().base64(), signature.signatureBase64(), signature.verifies(stx.id()));
            signatures.add(view);
            if (signature.by().equals(stx.tx().notary().publicKey())) {
                notarySignature = view;
            }
        }
        return new TransactionView(stx.id(),
                stx.tx().inputs().stream().map(ref -> new TransactionView.InputView(ref.transactionId(),
                        ref.outputIndex())).toList(),
                outputs,
                stx.tx().commands().stream().map(command -> new TransactionView.CommandView(
                        command.value().commandName(), command.signers().stream().map(this::nameOf).toList())).toList(),
                signatures, stx.tx().notary().name(), Objects.requireNonNull(notarySignature, "notary signature"),
                recorded.notarisedAt());
    }

    private String nameOf(PublicKey key) {
        return identities.partyOf(key).map(Party::name).orElse("unknown");
    }
}
