package io.clearline.flows.ledger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Selects and soft-locks unconsumed states of one owner and currency until their amounts cover a
 * target. When enough exists but others hold it locked, it waits (at most {@code softLockWaitMax},
 * polling every {@code softLockRetryInterval}), since the holders will either spend it (leaving
 * change) or release it.
 *
 * <p>WARNING: the caller must {@link SoftLocks#release} the selection's lock id when its flow ends,
 * whether it succeeded or not; expiry is only the safety net.
 */
public final class FungibleStateSelector {
    /** States read from the vault per query while selecting: most payments are covered by the first page. */
    public static final int SELECTION_PAGE_SIZE = 64;
    /** States one selection locks at most: every one becomes an input, and a transaction has a bounded number. */
    public static final int SELECTION_STATES_MAX = WireTransaction.INPUTS_MAX;
    /**
     * States one attempt reads at most before it gives up and waits: enough to pass over every state
     * the other flows in progress hold locked, while a vault of many small states is never read whole.
     */
    public static final int SELECTION_SCAN_STATES_MAX = 4_096;

    private final LedgerStore store;
    private final SoftLocks softLocks;
    private final Duration softLockWaitMax;
    private final Duration softLockRetryInterval;

    public FungibleStateSelector(LedgerStore store, SoftLocks softLocks, Duration softLockWaitMax,
                                 Duration softLockRetryInterval) {
        this.store = store;
        this.softLocks = softLocks;
        this.softLockWaitMax = softLockWaitMax;
        this.softLockRetryInterval = softLockRetryInterval;
    }

    public sealed interface Result permits Selected, Insufficient, Fragmented {
    }

    /** States locked under {@code lockId}, together worth {@code totalMinorUnits} (at least the target). */
    public record Selected(UUID lockId, List<VaultEntry> entries, long totalMinorUnits) implements Result, Attempt {
    }

    /** Not enough: {@code unconsumedMinorUnits} exist in all, locked or not. */
    public record Insufficient(long unconsumedMinorUnits, boolean lockedByOthers) implements Result {
    }

    /** Enough cash, but {@link #SELECTION_STATES_MAX} unlocked states do not cover the target: too many small states. */
    public record Fragmented(long coveredByStatesMaxMinorUnits, int statesMax) implements Result {
    }

    /** What one pass over the vault found; locks are held only when it {@link Selected selected}. */
    private sealed interface Attempt permits Selected, Short, TooManyStates {
    }

    private record Short() implements Attempt {
    }

    private record TooManyStates(long totalMinorUnits) implements Attempt {
    }

    /**
     * Selects and locks unconsumed states worth at least {@code targetMinorUnits}, reading the vault
     * a page at a time and stopping as soon as the target is covered.
     */
    public Result select(Party owner, String stateType, String currency, long targetMinorUnits) throws InterruptedException {
        return select(owner, stateType, currency, targetMinorUnits, UUID.randomUUID());
    }

    /**
     * As {@link #select(Party, String, String, long)}, locking under the caller's {@code lockId}: a
     * durable flow locks under its own id, so that killing the flow can release what it holds.
     */
    public Result select(Party owner, String stateType, String currency, long targetMinorUnits, UUID lockId)
            throws InterruptedException {
        if (targetMinorUnits <= 0) {
            throw new IllegalArgumentException("a selection target is positive: " + targetMinorUnits);
        }
        long deadline = System.nanoTime() + softLockWaitMax.toNanos();
        while (true) {
            Attempt attempt = trySelect(owner, stateType, currency, targetMinorUnits, lockId);
            if (attempt instanceof Selected selected) {
                return selected;
            }
            if (attempt instanceof TooManyStates tooMany) {
                return new Fragmented(tooMany.totalMinorUnits(), SELECTION_STATES_MAX);
            }
            // Only a selection that fell short pays for the sum over every state of the owner.
            long unconsumed = store.sumUnconsumed(owner, stateType, currency, owner.name(), null);
            if (unconsumed < targetMinorUnits) {
                return new Insufficient(unconsumed, false);
            }
            if (System.nanoTime() - deadline >= 0) {
                return new Insufficient(unconsumed, true);
            }
            Thread.sleep(softLockRetryInterval);
        }
    }

    /** One pass over the vault; locks are all released again if the pass falls short. */
    private Attempt trySelect(Party owner, String stateType, String currency, long target, UUID lockId) {
        List<VaultEntry> locked = new ArrayList<>();
        long total = 0;
        StateRef after = null;
        for (int scanned = 0; total < target && locked.size() < SELECTION_STATES_MAX
                && scanned < SELECTION_SCAN_STATES_MAX; ) {
            List<VaultEntry> page = store.unconsumedAfter(owner, stateType, owner.name(), currency, after,
                    SELECTION_PAGE_SIZE);
            List<VaultEntry> lockedNow = new ArrayList<>();
            for (VaultEntry entry : page) {
                if (total >= target || locked.size() + lockedNow.size() >= SELECTION_STATES_MAX) {
                    break;
                }
                if (softLocks.tryLock(entry.ref(), lockId)) {
                    lockedNow.add(entry);
                    total = Math.addExact(total, entry.amountMinorUnits());
                }
            }
            total = Math.subtractExact(total, keepUnspent(owner, lockId, lockedNow, locked));
            if (page.size() < SELECTION_PAGE_SIZE) {
                break;
            }
            scanned += page.size();
            after = page.get(page.size() - 1).ref();
        }
        if (total >= target) {
            return new Selected(lockId, locked, total);
        }
        softLocks.release(lockId, locked.stream().map(VaultEntry::ref).toList());
        return locked.size() >= SELECTION_STATES_MAX ? new TooManyStates(total) : new Short();
    }

    /**
     * A state read before another flow's recording committed may be spent by now: re-checked under
     * the lock, the spent ones released. Adds the unspent ones to {@code locked}; returns the amount released.
     */
    private long keepUnspent(Party owner, UUID lockId, List<VaultEntry> lockedNow, List<VaultEntry> locked) {
        if (lockedNow.isEmpty()) {
            return 0;
        }
        Set<StateRef> spent = store.consumedAmong(owner, lockedNow.stream().map(VaultEntry::ref).toList());
        long released = 0;
        for (VaultEntry entry : lockedNow) {
            if (spent.contains(entry.ref())) {
                softLocks.release(lockId, List.of(entry.ref()));
                released = Math.addExact(released, entry.amountMinorUnits());
            } else {
                locked.add(entry);
            }
        }
        return released;
    }
}
