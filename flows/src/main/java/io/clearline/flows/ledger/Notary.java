package io.clearline.flows.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The non-validating notary service. It is sent a {@link NotarisationRequest}: the transaction
 * filtered to its inputs, notary, time window and required signers (never outputs, amounts or
 * commands), with the signatures. It checks the Merkle proof against the id, every signature but
 * its own (so nobody can spend states they do not own, even blind), the time window; commits the
 * inputs with the {@link UniquenessService}, and signs the id (or, when the uniqueness service is a
 * notary cluster that signs with its service key, passes on the cluster's signature). Re-notarising the same transaction
 * signs it again. A refusal is a value, not an exception.
 */
public final class Notary {
    /** The groups a non-validating notary sees: what uniqueness, the time window and the signers need. */
    public static final Set<ComponentGroup> NON_VALIDATING_VIEW = Collections.unmodifiableSet(EnumSet.of(
            ComponentGroup.INPUTS, ComponentGroup.NOTARY, ComponentGroup.TIME_WINDOW, ComponentGroup.SIGNERS));

    private final Party identity;
    private final UniquenessService uniqueness;
    private final TransactionVerifier verifier;
    private final Clock clock;
    private final NotarySigner signer;

    /** A notary that signs each transaction on its own. */
    public Notary(Party identity, IdentityService identities, UniquenessService uniqueness,
                  TransactionVerifier verifier, Clock clock) {
        this(identity, uniqueness, verifier, clock, NotarySigner.perTransaction(identities, identity));
    }

    /** A notary that signs with {@code signer}: a {@link BatchNotarySigner} signs once per batch. */
    public Notary(Party identity, UniquenessService uniqueness, TransactionVerifier verifier, Clock clock,
                  NotarySigner signer) {
        this.identity = identity;
        this.uniqueness = uniqueness;
        this.verifier = verifier;
        this.clock = clock;
        this.signer = signer;
    }

    public Party identity() {
        return identity;
    }

    public sealed interface Result permits Notarised, Refused {
    }

    /** The notary's signature and when it was given. */
    public record Notarised(TransactionSignature signature, Instant notarisedAt) implements Result {
    }

    /** Why the notary refused; {@code conflicts} names the inputs already consumed elsewhere. */
    public record Refused(String explanation, Map<StateRef, String> conflicts) implements Result {
        public Refused {
            conflicts = Map.copyOf(conflicts);
        }
    }

    /**
     * What the uniqueness service knows of {@code stx}'s commit, asked without committing anything (see
     * {@link UniquenessService#commitmentOf}).
     */
    public UniquenessService.Commitment commitmentOf(SignedTransaction stx) {
        FilteredTransaction ftx = NotarisationRequest.of(stx, verifier.codecs()).transaction();
        return uniqueness.commitmentOf(ftx.inputs(), ftx.id());
    }

    /** Filters {@code stx} as a client would, then notarises it: the same path as a remote request. */
    public Result notarise(SignedTransaction stx) {
        return notarise(NotarisationRequest.of(stx, verifier.codecs()));
    }

    /**
     * @throws SignatureException when the Merkle proof or a signature does not hold (a bug or tampering)
     */
    public Result notarise(NotarisationRequest request) {
        FilteredTransaction ftx = request.transaction();
        ftx.verify();
        if (!ftx.revealed().keySet().containsAll(NON_VALIDATING_VIEW)) {
            return new Refused("transaction " + ftx.id() + " hides some of " + NON_VALIDATING_VIEW, Map.of());
        }
        if (!ftx.notary().equals(identity)) {
            return new Refused("transaction " + ftx.id() + " names notary " + ftx.notary() + ", not " + identity,
                    Map.of());
        }
        TransactionVerifier.verifySignatures(ftx.id(), ftx.requiredSigners(), request.signatures(),
                Set.of(identity.publicKey()));
        Instant now = clock.instant();
        if (ftx.timeWindow().map(window -> !window.contains(now)).orElse(false)) {
            return new Refused("transaction " + ftx.id() + " is outside its time window at " + now, Map.of());
        }
        UniquenessService.Result committed = uniqueness.commit(ftx.inputs(), ftx.id(), now);
        if (committed instanceof UniquenessService.Conflict conflict) {
            return new Refused("inputs already consumed: " + conflict.consumedBy().keySet()
                    + " (by " + conflict.consumedBy().values() + ")", conflict.consumedBy());
        }
        return new Notarised(signatureOf(ftx.id(), (UniquenessService.Committed) committed), now);
    }

    /**
     * The cluster's signature when the uniqueness service signs (its client checked it against the
     * service key, which must be this notary's key), or this notary's own.
     */
    private TransactionSignature signatureOf(String transactionId, UniquenessService.Committed committed) {
        TransactionSignature clusterSignature = committed.notarySignature();
        if (clusterSignature == null) {
            return signer.sign(transactionId);
        }
        if (!clusterSignature.by().equals(identity.publicKey())) {
            throw new SignatureException("the notary cluster signed transaction " + transactionId + " with "
                    + clusterSignature.by() + ", not the notary's key " + identity.publicKey());
        }
        return clusterSignature;
    }
}
