package io.clearline.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.caching.Cache;
import org.junit.jupiter.api.Test;

class LeastRecentlyUsedCacheTest {

    @Test
    void keepsEveryEntryUpToItsMaximum() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(3);
        cache.put("a", 1);
        cache.put("b", 2);
        cache.put("c", 3);
        assertThat(List.<Object>of(cache.get("a"), cache.get("b"), cache.get("c"))).containsExactly(1, 2, 3);
    }

    @Test
    void beyondItsMaximumForgetsTheLeastRecentlyUsedEntryAndSaysSo() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(2);
        List<Object> expired = new ArrayList<>();
        cache.registerCacheEntryListener(new Cache.EntryListenerAdapter() {
            @Override
            public void onEntryExpired(Object key) {
                expired.add(key);
            }
        });
        cache.put("a", 1);
        cache.put("b", 2);
        cache.get("a");
        cache.put("c", 3);
        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.containsKey("a")).isTrue();
        assertThat(cache.containsKey("c")).isTrue();
        assertThat(cache.size()).isEqualTo(2);
        assertThat(expired).containsExactly("b");
    }

    @Test
    void putIfAbsentKeepsWhatIsThere() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(2);
        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat((Object) cache.get("a")).isEqualTo(1);
        assertThat((Object) cache.computeIfAbsent("a", () -> 3)).isEqualTo(1);
        assertThat((Object) cache.computeIfAbsent("b", () -> 4)).isEqualTo(4);
    }

    @Test
    void removesOneEntryOrAll() {
        LeastRecentlyUsedCache cache = new LeastRecentlyUsedCache(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.remove("a")).isTrue();
        assertThat(cache.remove("a")).isFalse();
        cache.removeAll();
        assertThat(cache.size()).isZero();
    }

    @Test
    void refusesAMaximumThatIsNotPositive() {
        assertThatThrownBy(() -> new LeastRecentlyUsedCache(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
