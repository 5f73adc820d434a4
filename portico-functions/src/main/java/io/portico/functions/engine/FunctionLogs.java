package io.portico.functions.engine;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The recent log output of every function, one entry per invocation (or init), as Lambda would have
 * sent it to {@code /aws/lambda/<name>}. Kept in memory, bounded per function, newest last: enough for
 * the console and for reading a function's logs while developing. Thread safe.
 */
public final class FunctionLogs {
    /** Per function, how much log text is kept before the oldest entries are dropped. */
    public static final int MAX_CHARS_PER_FUNCTION = 1 << 20;

    /** One invocation's log text. */
    public record Entry(Instant timestamp, String version, String requestId, String text) {
    }

    private final ConcurrentHashMap<String, Ring> byFunction = new ConcurrentHashMap<>();

    public void append(String functionArn, Entry entry) {
        byFunction.computeIfAbsent(functionArn, k -> new Ring()).add(entry);
    }

    /** The kept entries of a function (unqualified ARN), oldest first. */
    public List<Entry> entries(String functionArn) {
        Ring ring = byFunction.get(functionArn);
        return ring == null ? List.of() : ring.snapshot();
    }

    public void forget(String functionArn) {
        byFunction.remove(functionArn);
    }

    private static final class Ring {
        private final ReentrantLock lock = new ReentrantLock();
        private final Deque<Entry> entries = new ArrayDeque<>();
        private long chars;

        void add(Entry entry) {
            lock.lock();
            try {
                entries.addLast(entry);
                chars += entry.text().length();
                while (chars > MAX_CHARS_PER_FUNCTION && entries.size() > 1) {
                    chars -= entries.removeFirst().text().length();
                }
            } finally {
                lock.unlock();
            }
        }

        List<Entry> snapshot() {
            lock.lock();
            try {
                return List.copyOf(entries);
            } finally {
                lock.unlock();
            }
        }
    }
}
