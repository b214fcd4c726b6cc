package io.clearline.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How the settlement core's event processors run (see {@link SettlementCoreModule}).
 *
 * @param kind pooled streaming processors (the default) or tracking ones, for every saga, policy and
 *     projection of the core
 * @param paymentSettlementSagaSegments segments of the payment settlement saga's processor, each handled
 *     by its own thread; at most {@link #SEGMENTS_MAX}. Takes effect only where the processor has no
 *     tokens yet (a new database): Axon keeps the segments it finds.
 * @param batchSizeMax events one saga or projection thread handles in one unit of work (one database
 *     transaction for the sagas), at most {@link #BATCH_SIZE_MAX_LIMIT}; fewer when fewer are waiting
 * @param tokenClaimInterval pooled processors only: how often a processor's coordinator looks for segments
 *     no thread has claimed (one token-store query each time), and the longest it sleeps while idle should a
 *     wake-up on a new event be missed; between {@link #INTERVAL_MIN} and {@link #INTERVAL_MAX}
 * @param claimExtensionThreshold pooled processors only: how long a segment's claim goes unrenewed while
 *     there is nothing to handle (one token-store update each time); between {@link #INTERVAL_MIN} and
 *     {@link #INTERVAL_MAX}, and below the token store's claim timeout (Axon's default: 10 s)
 */
public record ProcessorSettings(Kind kind, int paymentSettlementSagaSegments, int batchSizeMax,
                                Duration tokenClaimInterval, Duration claimExtensionThreshold) {
    /** Threads a node gives one processor at most: the payment saga's work is database-bound. */
    public static final int SEGMENTS_MAX = 16;
    /** A batch holds its aggregates' locks until it commits: kept short. */
    public static final int BATCH_SIZE_MAX_LIMIT = 256;
    /** Below this, an idle node would query and update its token store many times a second for nothing. */
    public static final Duration INTERVAL_MIN = Duration.ofMillis(100);
    /** Above this, a segment left by a stopped thread, or a missed wake-up, would wait too long. */
    public static final Duration INTERVAL_MAX = Duration.ofMinutes(1);
    /** Axon's own defaults for both intervals. */
    public static final Duration INTERVAL_DEFAULT = Duration.ofSeconds(5);

    /** Pooled processors, one thread and one event per unit of work, Axon's intervals. */
    public static final ProcessorSettings SEQUENTIAL =
            new ProcessorSettings(Kind.POOLED, 1, 1, INTERVAL_DEFAULT, INTERVAL_DEFAULT);

    /** Which of Axon's streaming event processors the core's sagas, policies and projections run on. */
    public enum Kind {
        /**
         * A coordinator thread reads the event stream ahead and hands each segment's events to a worker
         * thread: reading and handling overlap. Woken by {@link EventArrivalSource} when an event arrives.
         */
        POOLED,
        /** One thread per segment reads and handles in turn; what the core ran on before. */
        TRACKING
    }

    public ProcessorSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(tokenClaimInterval, "tokenClaimInterval");
        Objects.requireNonNull(claimExtensionThreshold, "claimExtensionThreshold");
        if (paymentSettlementSagaSegments < 1 || paymentSettlementSagaSegments > SEGMENTS_MAX) {
            throw new IllegalArgumentException("paymentSettlementSagaSegments must be 1 to " + SEGMENTS_MAX + ": "
                    + paymentSettlementSagaSegments);
        }
        if (batchSizeMax < 1 || batchSizeMax > BATCH_SIZE_MAX_LIMIT) {
            throw new IllegalArgumentException("batchSizeMax must be 1 to " + BATCH_SIZE_MAX_LIMIT + ": "
                    + batchSizeMax);
        }
        requireWithinLimits("tokenClaimInterval", tokenClaimInterval);
        requireWithinLimits("claimExtensionThreshold", claimExtensionThreshold);
    }

    /** The same settings for the other kind of processor (the benchmark compares them on one build). */
    public ProcessorSettings withKind(Kind otherKind) {
        return new ProcessorSettings(otherKind, paymentSettlementSagaSegments, batchSizeMax, tokenClaimInterval,
                claimExtensionThreshold);
    }

    private static void requireWithinLimits(String name, Duration interval) {
        if (interval.compareTo(INTERVAL_MIN) < 0 || interval.compareTo(INTERVAL_MAX) > 0) {
            throw new IllegalArgumentException(name + " must be " + INTERVAL_MIN + " to " + INTERVAL_MAX + ": "
                    + interval);
        }
    }
}
