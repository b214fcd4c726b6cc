package io.clearline.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;

/**
 * An aggregate cache that holds its entries strongly, up to {@code entriesMax}, and forgets the least
 * recently used one beyond that. For the liquidity accounts: a handful per bank, each touched by every
 * payment the bank sends or receives. Axon's {@code WeakReferenceCache} loses them at every garbage
 * collection, after which the next command reads the account again from its last snapshot (or, without
 * snapshots, from its first event): under load that was most of the payment saga's time.
 *
 * <p>One lock for the whole cache: its operations are map look-ups, short beside the command that
 * follows each of them.
 */
public final class LeastRecentlyUsedCache implements Cache {
    private final int entriesMax;
    private final LinkedHashMap<Object, Object> entries;
    private final CopyOnWriteArrayList<EntryListener> listeners = new CopyOnWriteArrayList<>();

    /** @throws IllegalArgumentException if {@code entriesMax} is not positive */
    public LeastRecentlyUsedCache(int entriesMax) {
        if (entriesMax <= 0) {
            throw new IllegalArgumentException("entriesMax must be positive: " + entriesMax);
        }
        this.entriesMax = entriesMax;
        this.entries = new LinkedHashMap<>(16, 0.75f, true);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        return (V) entries.get(key);
    }

    @Override
    public void put(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        boolean updated;
        Object evicted;
        synchronized (this) {
            updated = entries.put(key, value) != null;
            evicted = evictBeyondMax();
        }
        listeners.forEach(listener -> {
            if (updated) {
                listener.onEntryUpdated(key, value);
            } else {
                listener.onEntryCreated(key, value);
            }
        });
        notifyExpired(evicted);
    }

    @Override
    public boolean putIfAbsent(Object key, Object value) {
        Objects.requireNonNull(value, "value");
        Object evicted;
        synchronized (this) {
            if (entries.containsKey(key)) {
                return false;
            }
            entries.put(key, value);
            evicted = evictBeyondMax();
        }
        listeners.forEach(listener -> listener.onEntryCreated(key, value));
        notifyExpired(evicted);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T computeIfAbsent(Object key, Supplier<T> valueSupplier) {
        synchronized (this) {
            Object present = entries.get(key);
            if (present != null) {
                return (T) present;
            }
        }
        T created = valueSupplier.get();
        return putIfAbsent(key, created) ? created : get(key);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        synchronized (this) {
            Object present = entries.get(key);
            if (present == null) {
                return;
            }
            V updated = update.apply((V) present);
            if (updated == null) {
                entries.remove(key);
            } else {
                entries.put(key, updated);
            }
        }
    }

    @Override
    public boolean remove(Object key) {
        boolean removed;
        synchronized (this) {
            removed = entries.remove(key) != null;
        }
        if (removed) {
            listeners.forEach(listener -> listener.onEntryRemoved(key));
        }
        return removed;
    }

    @Override
    public void removeAll() {
        java.util.List<Object> keys;
        synchronized (this) {
            keys = java.util.List.copyOf(entries.keySet());
            entries.clear();
        }
        keys.forEach(key -> listeners.forEach(listener -> listener.onEntryRemoved(key)));
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    synchronized int size() {
        return entries.size();
    }

    /** The key forgotten to stay within {@code entriesMax}, or null; called holding the lock. */
    private Object evictBeyondMax() {
        if (entries.size() <= entriesMax) {
            return null;
        }
        Map.Entry<Object, Object> eldest = entries.entrySet().iterator().next();
        entries.remove(eldest.getKey());
        return eldest.getKey();
    }

    private void notifyExpired(Object evicted) {
        if (evicted != null) {
            listeners.forEach(listener -> listener.onEntryExpired(evicted));
        }
    }
}
