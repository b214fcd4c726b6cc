package io.clearline.core;

/**
 * How the settlement core's event processors run (projections on pooled streaming processors, sagas on
 * tracking ones; see {@link SettlementCoreModule}).
 *
 * @param paymentSettlementSagaSegments segments of the payment settlement saga's processor, each handled
 *     by its own thread; at most {@link #SEGMENTS_MAX}. Takes effect only where the processor has no
 *     tokens yet (a new database): Axon keeps the segments it finds.
 * @param batchSizeMax events one saga or projection thread handles in one unit of work (one database
 *     transaction for the sagas), at most {@link #BATCH_SIZE_MAX_LIMIT}; fewer when fewer are waiting
 */
public record ProcessorSettings(int paymentSettlementSagaSegments, int batchSizeMax) {
    /** Threads a node gives one processor at most: the payment saga's work is database-bound. */
    public static final int SEGMENTS_MAX = 16;
    /** A batch holds its aggregates' locks until it commits: kept short. */
    public static final int BATCH_SIZE_MAX_LIMIT = 256;

    /** One thread, one event per unit of work: what the core ran with before these settings existed. */
    public static final ProcessorSettings SEQUENTIAL = new ProcessorSettings(1, 1);

    public ProcessorSettings {
        if (paymentSettlementSagaSegments < 1 || paymentSettlementSagaSegments > SEGMENTS_MAX) {
            throw new IllegalArgumentException("paymentSettlementSagaSegments must be 1 to " + SEGMENTS_MAX + ": "
                    + paymentSettlementSagaSegments);
        }
        if (batchSizeMax < 1 || batchSizeMax > BATCH_SIZE_MAX_LIMIT) {
            throw new IllegalArgumentException("batchSizeMax must be 1 to " + BATCH_SIZE_MAX_LIMIT + ": "
                    + batchSizeMax);
        }
    }
}
