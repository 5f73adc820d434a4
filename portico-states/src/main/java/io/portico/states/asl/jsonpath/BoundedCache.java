package io.portico.states.asl.jsonpath;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A tiny bounded memo for compiled expressions (Jayway paths, parsed intrinsic calls).
 *
 * <p>Definitions are few and their expressions are reused on every transition, so a hit rate near 100%
 * is the normal case and eviction policy hardly matters: when the map outgrows its bound it is simply
 * cleared, which keeps the hot path to one {@link ConcurrentHashMap#get} without per-entry bookkeeping.
 * Thread safe. Keys and values are never null.
 */
final class BoundedCache<K, V> {
    private final ConcurrentHashMap<K, V> map = new ConcurrentHashMap<>();
    private final int maxSize;
    private final Function<K, V> loader;

    BoundedCache(int maxSize, Function<K, V> loader) {
        this.maxSize = maxSize;
        this.loader = loader;
    }

    V get(K key) {
        V value = map.get(key);
        if (value != null) {
            return value;
        }
        // Loading outside computeIfAbsent: a loader that throws (bad syntax) must not poison the map,
        // and two threads compiling the same path at once is harmless.
        value = loader.apply(key);
        if (map.size() >= maxSize) {
            map.clear();
        }
        map.put(key, value);
        return value;
    }
}
