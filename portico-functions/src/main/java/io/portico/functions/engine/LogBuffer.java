package io.portico.functions.engine;

import java.util.concurrent.locks.ReentrantLock;

/** One invocation's log text, collected in memory. Thread safe. */
public final class LogBuffer implements InvocationLog {
    /** What {@code LogType: Tail} returns: the last 4 KB. */
    public static final int TAIL_BYTES = 4096;

    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder text = new StringBuilder();

    @Override
    public void write(String chunk) {
        lock.lock();
        try {
            text.append(chunk);
        } finally {
            lock.unlock();
        }
    }

    public String text() {
        lock.lock();
        try {
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    /** The last 4 KB (UTF-8) of the log, cut at a character boundary. */
    public String tail() {
        return tail(text());
    }

    /** The last 4 KB (UTF-8) of {@code log}, cut at a character boundary: what {@code LogType: Tail} returns. */
    public static String tail(String log) {
        byte[] bytes = log.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= TAIL_BYTES) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        int from = bytes.length - TAIL_BYTES;
        while (from < bytes.length && (bytes[from] & 0xC0) == 0x80) {
            from++; // skip continuation bytes so the tail starts on a whole character
        }
        return new String(bytes, from, bytes.length - from, java.nio.charset.StandardCharsets.UTF_8);
    }
}
