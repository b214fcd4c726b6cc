package io.clearline.flows.ledger;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * In-memory, time-limited reservations of states, so two flows of one node never select the same
 * state. A lock left behind by a crashed flow expires after {@code softLockTimeout}. Time is
 * measured with the monotonic clock, so a fixed business clock in tests does not freeze locks.
 */
public final class SoftLocks {
    private final Duration softLockTimeout;
    private final ConcurrentMap<StateRef, Lock> locks = new ConcurrentHashMap<>();

    private record Lock(UUID lockId, long expiresAtNanos) {
    }

    public SoftLocks(Duration softLockTimeout) {
        if (softLockTimeout.isNegative() || softLockTimeout.isZero()) {
            throw new IllegalArgumentException("softLockTimeout is positive: " + softLockTimeout);
        }
        this.softLockTimeout = softLockTimeout;
    }

    /** Takes the lock if free, expired, or already held by {@code lockId}. */
    public boolean tryLock(StateRef ref, UUID lockId) {
        long now = System.nanoTime();
        Lock wanted = new Lock(lockId, now + softLockTimeout.toNanos());
        Lock result = locks.compute(ref, (key, current) ->
                current == null || current.lockId().equals(lockId) || current.expiresAtNanos() - now < 0
                        ? wanted : current);
        return result == wanted;
    }

    public void release(UUID lockId, Collection<StateRef> refs) {
        refs.forEach(ref -> locks.computeIfPresent(ref, (key, current) -> current.lockId().equals(lockId) ? null : current));
    }

    /**
     * Releases every state held under {@code lockId}, whichever they are: a flow that is killed or
     * ends releases what it holds without having to remember it. Visits every lock held, so it is
     * for the end of a flow, not for a hot path.
     *
     * @return how many locks were released
     */
    public int releaseAll(UUID lockId) {
        int[] released = {0};
        locks.entrySet().removeIf(entry -> {
            boolean mine = entry.getValue().lockId().equals(lockId);
            if (mine) {
                released[0]++;
            }
            return mine;
        });
        return released[0];
    }

    /** Whether {@code ref} is held, unexpired, under {@code lockId}. */
    public boolean isLockedBy(StateRef ref, UUID lockId) {
        Lock lock = locks.get(ref);
        return lock != null && lock.lockId().equals(lockId) && lock.expiresAtNanos() - System.nanoTime() > 0;
    }

    public boolean isLocked(StateRef ref) {
        Lock lock = locks.get(ref);
        return lock != null && lock.expiresAtNanos() - System.nanoTime() > 0;
    }

    /** How many locks are held or expired but not yet cleared: for tests and metrics. */
    public int size() {
        return locks.size();
    }
}
