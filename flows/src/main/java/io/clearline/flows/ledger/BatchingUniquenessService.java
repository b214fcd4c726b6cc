package io.clearline.flows.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Collects concurrent commit requests into batches, each decided by one {@link BatchCommitter}
 * call (one database transaction), and answers each request on its own: {@link GroupCommit} over
 * the uniqueness service. Callers block; run them on virtual threads.
 */
public final class BatchingUniquenessService implements UniquenessService {

    /** Decides a batch in one atomic step, in order, one result per request (first in order wins). */
    @FunctionalInterface
    public interface BatchCommitter {
        List<Result> commitBatch(List<Request> requests);
    }

    private final BatchCommitter committer;
    private final GroupCommit<Request, Result> batches;

    /**
     * @param batchSizeMax     requests per database transaction at most
     * @param batchWaitMax     how long a committer waits for a batch to fill before committing it anyway
     * @param queueCapacityMax requests waiting at most; beyond that callers block until there is room
     */
    public BatchingUniquenessService(BatchCommitter committer, int batchSizeMax, Duration batchWaitMax,
                                     int queueCapacityMax) {
        Objects.requireNonNull(committer, "committer");
        this.committer = committer;
        this.batches = new GroupCommit<>(committer::commitBatch, batchSizeMax, batchWaitMax, queueCapacityMax);
    }

    /** Asked of the committer if it can tell (it is a uniqueness service itself), not batched: recovery asks rarely. */
    @Override
    public Commitment commitmentOf(List<StateRef> inputs, String transactionId) {
        return committer instanceof UniquenessService service ? service.commitmentOf(inputs, transactionId)
                : Commitment.UNKNOWN;
    }

    /** @throws IllegalStateException if interrupted while queueing (nothing was committed then) */
    @Override
    public Result commit(List<StateRef> inputs, String transactionId, Instant now) {
        return batches.submit(new Request(inputs, transactionId, now));
    }
}
