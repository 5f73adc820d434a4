package io.portico.tables.engine.stream;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells in-process readers of streams that records were committed to one, so a reader (a Lambda event
 * source mapping's poller) reads at once instead of at its next poll. The item store raises a signal
 * after the commit of every transaction that appended to a stream, once per record, on the store's
 * committing thread: a listener must be quick and must not block or write to the store. A signal is a
 * hint, not a delivery: readers still read the records from the stream, and still poll, so a signal lost
 * (a listener that threw, a record committed by another node) only costs time. Thread safe.
 */
public final class StreamSignals {
    private static final Logger LOG = LoggerFactory.getLogger(StreamSignals.class);
    /** For stores and tests that have no reader to tell. */
    public static final StreamSignals NONE = new StreamSignals();

    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    private StreamSignals() {
    }

    public static StreamSignals create() {
        return new StreamSignals();
    }

    /** Calls {@code listener} with a stream's ARN after each commit that added a record to it. */
    public void subscribe(Consumer<String> listener) {
        if (this == NONE) {
            throw new IllegalStateException("StreamSignals.NONE tells nobody");
        }
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Records were committed to stream {@code streamArn}: called by the item store after the commit. */
    public void committed(String streamArn) {
        for (Consumer<String> listener : listeners) {
            try {
                listener.accept(streamArn);
            } catch (RuntimeException e) {
                LOG.warn("A listener of stream {} failed; its reader finds the records at its next poll", streamArn, e);
            }
        }
    }
}
