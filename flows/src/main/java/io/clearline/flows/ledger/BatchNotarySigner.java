package io.clearline.flows.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Signs committed transactions once per batch: the ids that ask together ({@link GroupCommit}) are
 * the leaves of a Merkle tree, the notary signs its root once, and each id gets that signature with
 * its own {@link BatchProof}. Saves an Ed25519 signing per transaction; verifying costs the same
 * one Ed25519 verification plus a few hashes.
 */
public final class BatchNotarySigner implements NotarySigner {
    private final IdentityService identities;
    private final Party notary;
    private final GroupCommit<String, TransactionSignature> batches;
    private final AtomicLong batchesSigned = new AtomicLong();

    /**
     * @param batchSizeMax     transaction ids under one signature at most
     * @param batchWaitMax     how long a batch waits to fill (zero: what queued while the last was signed)
     * @param queueCapacityMax ids waiting at most; beyond that callers block until there is room
     */
    public BatchNotarySigner(IdentityService identities, Party notary, int batchSizeMax, Duration batchWaitMax,
                             int queueCapacityMax) {
        if (batchSizeMax > BatchProof.BATCH_LEAVES_MAX) {
            throw new IllegalArgumentException("a signed batch has at most " + BatchProof.BATCH_LEAVES_MAX + " ids");
        }
        this.identities = identities;
        this.notary = notary;
        this.batches = new GroupCommit<>(this::signBatch, batchSizeMax, batchWaitMax, queueCapacityMax);
    }

    @Override
    public TransactionSignature sign(String transactionId) {
        return batches.submit(transactionId);
    }

    /** How many batch roots this signer has signed: one Ed25519 signing each. */
    public long batchesSigned() {
        return batchesSigned.get();
    }

    private List<TransactionSignature> signBatch(List<String> transactionIds) {
        BatchProof.Tree tree = BatchProof.of(transactionIds);
        TransactionSignature rootSignature = identities.sign(notary, BatchProof.signedMessage(tree.rootHex()));
        batchesSigned.incrementAndGet();
        List<TransactionSignature> signatures = new ArrayList<>(transactionIds.size());
        for (BatchProof proof : tree.proofs()) {
            signatures.add(rootSignature.withBatchProof(proof));
        }
        return signatures;
    }
}
