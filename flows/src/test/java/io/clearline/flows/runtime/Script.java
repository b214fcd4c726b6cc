package io.clearline.flows.runtime;

import io.clearline.flows.ledger.SoftLocks;
import io.clearline.flows.ledger.StateRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * What a {@link ScriptedFlow}'s external operations do, and what they saw: counts executions per flow
 * and step, throws armed faults, blocks a step until the test releases it, and keeps the values each
 * run was given (to compare a first run with its replay).
 */
final class Script {
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Supplier<Throwable>>> faults = new ConcurrentHashMap<>();
    private final Map<String, Blocker> blockers = new ConcurrentHashMap<>();
    private final Map<String, List<String>> observed = new ConcurrentHashMap<>();
    private final SoftLocks softLocks;

    Script(SoftLocks softLocks) {
        this.softLocks = softLocks;
    }

    /** A step that waits, once it is entered, until the test releases it. */
    record Blocker(CountDownLatch entered, CountDownLatch released) {
        void awaitEntered() throws InterruptedException {
            entered.await();
        }

        void release() {
            released.countDown();
        }
    }

    /** The next {@code times} executions of {@code step} (in any flow) throw what {@code fault} makes. */
    void fail(String step, int times, Supplier<Throwable> fault) {
        Deque<Supplier<Throwable>> queue = faults.computeIfAbsent(step, key -> new ArrayDeque<>());
        synchronized (queue) {
            for (int i = 0; i < times; i++) {
                queue.add(fault);
            }
        }
    }

    Blocker block(String step) {
        Blocker blocker = new Blocker(new CountDownLatch(1), new CountDownLatch(1));
        blockers.put(step, blocker);
        return blocker;
    }

    String execute(String flowId, String step) throws InterruptedException {
        int count = executions.computeIfAbsent(flowId + "/" + step, key -> new AtomicInteger()).incrementAndGet();
        Blocker blocker = blockers.get(step);
        if (blocker != null) {
            blocker.entered().countDown();
            blocker.released().await();
        }
        Supplier<Throwable> fault = nextFault(step);
        if (fault != null) {
            Throwable thrown = fault.get();
            if (thrown instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw (Error) thrown;
        }
        return step + "#" + count;
    }

    /** Locks {@code refs} under the flow's soft-lock id, as a selection would. */
    List<String> lock(UUID softLockId, List<String> refs) {
        for (String ref : refs) {
            if (!softLocks.tryLock(StateRef.parse(ref), softLockId)) {
                throw new IllegalStateException(ref + " is locked by another flow");
            }
        }
        return refs;
    }

    void observe(String flowId, String step, String value) {
        observed.computeIfAbsent(flowId + "/" + step, key -> new ArrayList<>()).add(value);
    }

    int executions(String flowId, String step) {
        AtomicInteger count = executions.get(flowId + "/" + step);
        return count == null ? 0 : count.get();
    }

    /** The values the runs of a flow were given at a step, one per run, in order. */
    List<String> observed(String flowId, String step) {
        return List.copyOf(observed.getOrDefault(flowId + "/" + step, List.of()));
    }

    private Supplier<Throwable> nextFault(String step) {
        Deque<Supplier<Throwable>> queue = faults.get(step);
        if (queue == null) {
            return null;
        }
        synchronized (queue) {
            return queue.poll();
        }
    }
}
