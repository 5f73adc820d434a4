package io.portico.states.asl.jsonata;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiled expressions by their text, at most {@code capacity} of them. Definitions hold a bounded set
 * of expressions, so a full cache is rare; when it fills, a quarter of the entries is dropped in
 * iteration order rather than tracking recency on every hit, which keeps the hit path a single
 * lock-free map read. Thread safe: a race compiles an expression twice and keeps one.
 */
final class ExpressionCache {

    private final ConcurrentHashMap<String, CompiledExpression> entries = new ConcurrentHashMap<>();
    private final int capacity;

    ExpressionCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    CompiledExpression get(String text) {
        CompiledExpression cached = entries.get(text);
        if (cached != null) {
            return cached;
        }
        if (entries.size() >= capacity) {
            evictSome();
        }
        CompiledExpression compiled = CompiledExpression.compile(text);
        CompiledExpression raced = entries.putIfAbsent(text, compiled);
        return raced != null ? raced : compiled;
    }

    int size() {
        return entries.size();
    }

    private void evictSome() {
        int toDrop = Math.max(1, capacity / 4);
        Iterator<String> keys = entries.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
