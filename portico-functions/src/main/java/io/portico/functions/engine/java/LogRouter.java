package io.portico.functions.engine.java;

import io.portico.functions.engine.InvocationLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An environment's stdout and stderr. Both write to whichever log is current: the init log while the
 * environment initialises, then each invocation's log in turn. Between invocations the last log stays
 * current, so output from threads the handler left running lands next to the invocation that started
 * them (Lambda freezes such threads; Portico cannot). Bytes are decoded as UTF-8 as they arrive, with
 * a character split across writes completed by the next write. Thread safe.
 */
final class LogRouter {
    private volatile InvocationLog current;
    private final PrintStream stdout;
    private final PrintStream stderr;

    LogRouter(InvocationLog initial) {
        this.current = initial;
        this.stdout = new PrintStream(new Utf8LogStream(), true, StandardCharsets.UTF_8);
        this.stderr = new PrintStream(new Utf8LogStream(), true, StandardCharsets.UTF_8);
    }

    /** From now on, output goes to {@code log}. */
    void route(InvocationLog log) {
        current = log;
    }

    PrintStream stdout() {
        return stdout;
    }

    PrintStream stderr() {
        return stderr;
    }

    /** Pushes out anything still buffered, e.g. a {@code print} without a line break, at the end of an invocation. */
    void flush() {
        stdout.flush();
        stderr.flush();
    }

    /** Decodes UTF-8 and writes text to the current log; one per stream, called under the PrintStream's lock. */
    private final class Utf8LogStream extends OutputStream {
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        // The PrintStream already serialises writes; this lock keeps the decoder safe should anyone
        // write to the stream directly.
        private final ReentrantLock lock = new ReentrantLock();
        private ByteBuffer pending = ByteBuffer.allocate(0);

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            lock.lock();
            try {
                ByteBuffer input = ByteBuffer.allocate(pending.remaining() + length);
                input.put(pending).put(bytes, offset, length).flip();
                CharBuffer text = CharBuffer.allocate(input.remaining());
                decoder.decode(input, text, false);
                pending = input.slice(); // an incomplete character at the end waits for its next bytes
                text.flip();
                if (text.hasRemaining()) {
                    current.write(text.toString());
                }
            } finally {
                lock.unlock();
            }
        }
    }
}
