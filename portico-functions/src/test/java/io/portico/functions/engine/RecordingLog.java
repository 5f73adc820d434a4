package io.portico.functions.engine;

/** An {@link InvocationLog} that keeps everything written, for assertions. Thread safe. */
public final class RecordingLog implements InvocationLog {
    private final StringBuilder text = new StringBuilder();

    @Override
    public synchronized void write(String chunk) {
        text.append(chunk);
    }

    public synchronized String text() {
        return text.toString();
    }
}
