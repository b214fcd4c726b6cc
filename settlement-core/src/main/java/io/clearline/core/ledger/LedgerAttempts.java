package io.clearline.core.ledger;

import io.clearline.core.ledger.api.LedgerRefusedException;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * Calls the ledger port again after a fault, a bounded number of times. A refusal is an answer,
 * not a fault, and is never retried. Retrying is safe because every ledger operation is idempotent
 * on its key (UETR, transfer id): a repeat answers with the transaction that already did the work.
 *
 * <p>The attempts follow one another at once; there is no back-off yet. They are not durable
 * either: a node that stops during them leaves the saga waiting for a restart policy to come.
 */
public final class LedgerAttempts {

    private LedgerAttempts() {
    }

    /**
     * Completes with the first answer, exceptionally with the {@link LedgerRefusedException} of a
     * refusal, or with a {@link LedgerAttemptsExhaustedException} once {@code attemptsMax} calls failed.
     */
    public static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> operation, int attemptsMax) {
        Objects.requireNonNull(operation, "operation");
        if (attemptsMax < 1) {
            throw new IllegalArgumentException("attemptsMax must be at least 1: " + attemptsMax);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        attempt(operation, 1, attemptsMax, result);
        return result;
    }

    private static <T> void attempt(
            Supplier<CompletableFuture<T>> operation, int attempt, int attemptsMax, CompletableFuture<T> result) {
        CompletableFuture<T> call;
        try {
            call = Objects.requireNonNull(operation.get(), "the ledger port answered null instead of a future");
        } catch (RuntimeException thrown) {
            call = CompletableFuture.failedFuture(thrown);
        }
        call.whenComplete((answer, failure) -> {
            if (failure == null) {
                result.complete(answer);
                return;
            }
            Throwable cause = unwrap(failure);
            if (cause instanceof LedgerRefusedException) {
                result.completeExceptionally(cause);
            } else if (attempt < attemptsMax) {
                attempt(operation, attempt + 1, attemptsMax, result);
            } else {
                result.completeExceptionally(new LedgerAttemptsExhaustedException(attemptsMax, cause));
            }
        });
    }

    /** The cause under the wrappers that futures add. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** Every attempt failed with a fault; the last fault is the cause. */
    public static final class LedgerAttemptsExhaustedException extends RuntimeException {
        public LedgerAttemptsExhaustedException(int attempts, Throwable lastFault) {
            super("the ledger failed " + attempts + " times, last with: " + lastFault, lastFault);
        }
    }
}
