package io.clearline.core.liquidity;

import java.util.LinkedHashSet;
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

    void remember(String key) {
        Objects.requireNonNull(key, "key");
        keys.add(key);
        if (keys.size() > keysMax) {
            keys.removeFirst();
        }
    }
}
