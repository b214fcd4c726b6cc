package io.clearline.flows.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Group commit: concurrent callers' items are decided in batches, each by one call of
 * {@code decideBatch} (one database transaction, one signature), and each caller gets its own answer.
 *
 * <p>No thread of its own: whichever caller finds no batch in progress decides batches until the
 * queue is empty; the others wait for their answer. So a batch is what arrived while the previous
 * one was decided, topped up for at most {@code batchWaitMax} (zero means never wait: a lone item
 * is decided at once). Callers block; run them on virtual threads.
 *
 * @param <Q> what a caller asks
 * @param <A> the answer it gets
 */
public final class GroupCommit<Q, A> {
    private record Pending<Q, A>(Q item, CompletableFuture<A> answer) {
    }

    private final Function<List<Q>, List<A>> decideBatch;
    private final int batchSizeMax;
    private final Duration batchWaitMax;
    private final BlockingQueue<Pending<Q, A>> queue;
    private final AtomicBoolean deciding = new AtomicBoolean();

    /**
     * @param decideBatch      one answer per item, in order
     * @param batchSizeMax     items per batch at most
     * @param batchWaitMax     how long a batch waits to fill before it is decided anyway
     * @param queueCapacityMax items waiting at most; beyond that callers block until there is room
     */
    public GroupCommit(Function<List<Q>, List<A>> decideBatch, int batchSizeMax, Duration batchWaitMax,
                       int queueCapacityMax) {
        this.decideBatch = Objects.requireNonNull(decideBatch, "decideBatch");
        if (batchSizeMax < 1 || queueCapacityMax < batchSizeMax || batchWaitMax.isNegative()) {
            throw new IllegalArgumentException("batch size " + batchSizeMax + ", queue capacity " + queueCapacityMax
                    + ", wait " + batchWaitMax + ": need 1 <= batch size <= queue capacity and a wait >= 0");
        }
        this.batchSizeMax = batchSizeMax;
        this.batchWaitMax = batchWaitMax;
        this.queue = new ArrayBlockingQueue<>(queueCapacityMax);
    }

    /**
     * Queues {@code item} and waits for its batch to be decided.
     *
     * @throws IllegalStateException if interrupted while queueing (nothing was decided then)
     * @throws RuntimeException      whatever the batch's decision threw: every item of that batch hears of it
     */
    public A submit(Q item) {
        Pending<Q, A> pending = new Pending<>(item, new CompletableFuture<>());
        try {
            queue.put(pending);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing " + item, e);
        }
        if (deciding.compareAndSet(false, true)) {
            decideUntilEmpty();
        }
        try {
            return pending.answer().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    /**
     * Holds the deciding role until the queue is empty. An item queued just as the role is given up
     * is seen by the re-check, so no item waits without a decider.
     */
    private void decideUntilEmpty() {
        do {
            try {
                while (!queue.isEmpty()) {
                    decideOneBatch();
                }
            } finally {
                deciding.set(false);
            }
        } while (!queue.isEmpty() && deciding.compareAndSet(false, true));
    }

    private void decideOneBatch() {
        List<Pending<Q, A>> batch = new ArrayList<>(batchSizeMax);
        queue.drainTo(batch, batchSizeMax);
        topUp(batch);
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<A> answers = decideBatch.apply(batch.stream().map(Pending::item).toList());
            if (answers.size() != batch.size()) {
                throw new IllegalStateException(answers.size() + " answers for a batch of " + batch.size());
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).answer().complete(answers.get(i));
            }
        } catch (RuntimeException e) {
            // Every item of a failed batch hears of the failure; none is left waiting.
            batch.forEach(pending -> pending.answer().completeExceptionally(e));
        }
    }

    private void topUp(List<Pending<Q, A>> batch) {
        long deadlineNanos = System.nanoTime() + batchWaitMax.toNanos();
        while (batch.size() < batchSizeMax && !batchWaitMax.isZero()) {
            long remainingNanos = deadlineNanos - System.nanoTime();
            if (remainingNanos <= 0) {
                return;
            }
            try {
                Pending<Q, A> next = queue.poll(remainingNanos, TimeUnit.NANOSECONDS);
                if (next != null) {
                    batch.add(next);
                    queue.drainTo(batch, batchSizeMax - batch.size());
                }
            } catch (InterruptedException e) {
                // Decide what is here rather than strand it; the interrupt stays visible to the caller.
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
