package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationLog;

/** An invocation log that keeps what it is given. Thread safe. */
final class RecordingLog implements InvocationLog {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(String more) {
        text.append(more);
    }

    synchronized String text() {
        return text.toString();
    }
}
