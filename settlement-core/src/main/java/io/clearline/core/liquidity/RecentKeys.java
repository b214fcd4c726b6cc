package io.clearline.core.liquidity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * The last {@code keysMax} idempotency keys an aggregate has seen, oldest forgotten first. Filled
 * only from event-sourcing handlers, so the same events always give the same set.
 */
final class RecentKeys {
    private final int keysMax;
    private final LinkedHashSet<String> keys = new LinkedHashSet<>();

    RecentKeys(int keysMax) {
        if (keysMax <= 0) {
            throw new IllegalArgumentException("keysMax must be positive: " + keysMax);
        }
        this.keysMax = keysMax;
    }

    boolean contains(String key) {
        return keys.contains(key);
    }

    /** Oldest first: remembering them again in this order gives the same set. */
    List<String> oldestFirst() {
        return List.copyOf(keys);
    }

    /** Replaces what is remembered with {@code keysOldestFirst}, as a snapshot recorded it. */
    void restore(List<String> keysOldestFirst) {
        keys.clear();
        keysOldestFirst.forEach(this::remember);
    }

    void remember(String key) {
        Objects.requireNonNull(key, "key");
        keys.add(key);
        if (keys.size() > keysMax) {
            keys.removeFirst();
        }
    }
}
