package io.clearline.ops.notary;

import io.clearline.flows.ledger.BatchingUniquenessService;
import io.clearline.flows.ledger.UniquenessService;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Measures each batch the notary commits: how long the uniqueness decision took
 * ({@code clearline_notary_commit_latency_seconds}, a round trip to the Raft leader and its quorum, or a
 * database transaction) and how many notarisations it carried ({@code clearline_notary_batch_size}).
 * A batch that failed is timed too, tagged {@code outcome=error}.
 */
final class MeteredNotaryCommitter implements BatchingUniquenessService.BatchCommitter {
    /** Histogram buckets stop here; a commit that waits longer for a quorum counts in the last one. */
    static final Duration COMMIT_LATENCY_BUCKETS_MAX = Duration.ofSeconds(30);

    private final BatchingUniquenessService.BatchCommitter committer;
    private final Timer committed;
    private final Timer failed;
    private final DistributionSummary batchSize;

    MeteredNotaryCommitter(BatchingUniquenessService.BatchCommitter committer, MeterRegistry registry, String mode,
                           int batchSizeMax) {
        this.committer = Objects.requireNonNull(committer, "committer");
        this.committed = latency(registry, mode, "ok");
        this.failed = latency(registry, mode, "error");
        this.batchSize = DistributionSummary.builder("clearline.notary.batch.size")
                .description("Notarisations decided together in one commit of the notary")
                .baseUnit("notarisations")
                .tag("mode", mode)
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue((double) batchSizeMax)
                .register(registry);
    }

    private static Timer latency(MeterRegistry registry, String mode, String outcome) {
        return Timer.builder("clearline.notary.commit.latency")
                .description("Time the notary took to decide one batch of commits")
                .tags("mode", mode, "outcome", outcome)
                .publishPercentileHistogram()
                .maximumExpectedValue(COMMIT_LATENCY_BUCKETS_MAX)
                .register(registry);
    }

    @Override
    public List<UniquenessService.Result> commitBatch(List<UniquenessService.Request> requests) {
        long started = System.nanoTime();
        try {
            List<UniquenessService.Result> results = committer.commitBatch(requests);
            committed.record(Duration.ofNanos(System.nanoTime() - started));
            batchSize.record(requests.size());
            return results;
        } catch (RuntimeException e) {
            failed.record(Duration.ofNanos(System.nanoTime() - started));
            throw e;
        }
    }
}
