package io.clearline.flows.ledger;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks a signed transaction: its id matches its content, every signature is valid, every required
 * signer signed, every governing contract accepts it. Register each contract by name first.
 */
public final class TransactionVerifier {
    private final LedgerCodecs codecs;
    private final Map<String, Contract> contracts = new ConcurrentHashMap<>();

    public TransactionVerifier(LedgerCodecs codecs) {
        this.codecs = codecs;
    }

    public TransactionVerifier register(String contractName, Contract contract) {
        if (contracts.putIfAbsent(contractName, contract) != null) {
            throw new IllegalStateException("contract registered twice: " + contractName);
        }
        return this;
    }

    /**
     * @param allowedMissing keys whose signatures are still to come (the counterparty's, the notary's)
     * @throws SignatureException when the id does not match, a signature is invalid or one is missing
     */
    public void verifySignatures(SignedTransaction stx, Set<PublicKey> allowedMissing) {
        String computedId = codecs.transactionId(stx.tx());
        if (!computedId.equals(stx.id())) {
            throw new SignatureException("transaction id " + stx.id() + " does not match its content " + computedId);
        }
        verifySignatures(stx.id(), stx.tx().requiredSigners(), stx.signatures(), allowedMissing);
    }

    /**
     * Checks signatures over an id the caller has already proven (from full content or a Merkle
     * proof): each one is valid, and every required key signed unless it is allowed to be missing.
     *
     * @throws SignatureException when a signature is invalid or one is missing
     */
    public static void verifySignatures(String id, Set<PublicKey> required, List<TransactionSignature> signatures,
                                        Set<PublicKey> allowedMissing) {
        Set<PublicKey> missing = new LinkedHashSet<>(required);
        for (TransactionSignature signature : signatures) {
            if (!signature.verifies(id)) {
                throw new SignatureException("invalid signature by " + signature.by() + " on " + id);
            }
            missing.remove(signature.by());
        }
        missing.removeAll(allowedMissing);
        if (!missing.isEmpty()) {
            throw new SignatureException("transaction " + id + " lacks signatures of " + missing);
        }
    }

    /** Resolves the inputs; an input that cannot be resolved is a fault of the caller's ledger copy. */
    public LedgerTransaction resolve(SignedTransaction stx, StateResolver resolver) {
        List<StateAndRef> inputs = new ArrayList<>();
        for (StateRef ref : stx.tx().inputs()) {
            TransactionState state = resolver.resolve(ref)
                    .orElseThrow(() -> new IllegalStateException("input " + ref + " is not recorded"));
            inputs.add(new StateAndRef(state, ref));
        }
        WireTransaction tx = stx.tx();
        return new LedgerTransaction(stx.id(), inputs, tx.outputs(), tx.commands(), tx.notary(), tx.window());
    }

    /** Runs every contract that governs an input or an output; the first broken rule is thrown. */
    public void verifyContracts(LedgerTransaction tx) {
        Set<String> names = new LinkedHashSet<>();
        tx.inputs().forEach(input -> names.add(input.state().contractName()));
        tx.outputs().forEach(output -> names.add(output.contractName()));
        for (String name : names) {
            Contract contract = contracts.get(name);
            if (contract == null) {
                throw new ContractViolationException("Every state is governed by a known contract (unknown: " + name + ")");
            }
            contract.verify(tx);
        }
    }

    public LedgerCodecs codecs() {
        return codecs;
    }
}
