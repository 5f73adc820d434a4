package io.portico.functions.engine.process;

import io.portico.functions.engine.InvocationLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A worker's stdout and stderr: one file the process appends both to (interleaved as written, as
 * Lambda interleaves them in one log stream), read back into the invocation log at the end of init and
 * of every invocation.
 *
 * <p>Why a file and not pipes: a runtime writes its log lines, then posts its response. With pipes, a
 * reader thread may not have read those lines yet when the response arrives, and they would land in
 * the next invocation's log, or nowhere. A file has no such race: the process's writes are complete
 * before its POST is sent, so reading the file to its size after the POST arrived gets all of them.
 * An invocation's output is read once its worker asks for the next event (see {@link RuntimeWorker});
 * what a worker writes while it waits for one (background threads) goes to the next invocation's log.
 *
 * <p>Reading stops short of a UTF-8 sequence the process has not finished writing; bytes that are not
 * UTF-8 become U+FFFD. The file is emptied when a drain finds it large and fully read, so a long-lived
 * worker does not fill the disk; what the process writes in that instant is lost. Thread safe.
 */
final class ProcessOutput implements AutoCloseable {
    private static final int CHUNK = 64 * 1024;
    private static final long COMPACT_ABOVE = 8 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final ReentrantLock lock = new ReentrantLock(); // drains read files: a monitor would pin the carrier
    private long offset; // guarded by lock
    private boolean closed; // guarded by lock

    private ProcessOutput(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Creates the (empty) file the worker's output is appended to. */
    static ProcessOutput create(Path file) throws IOException {
        Files.deleteIfExists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        return new ProcessOutput(file, channel);
    }

    Path file() {
        return file;
    }

    /** Writes everything the worker wrote since the last drain to {@code log}; nothing once closed. */
    void drainTo(InvocationLog log) {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            long end = channel.size();
            long position = offset;
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(CHUNK, Math.max(16, end - position)));
            CharBuffer chars = CharBuffer.allocate(bytes.capacity());
            CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            while (position < end) {
                int read = channel.read(bytes, position);
                if (read <= 0) {
                    break;
                }
                position += read;
                bytes.flip();
                decoder.decode(bytes, chars, false); // leaves an unfinished sequence in bytes
                chars.flip();
                if (chars.hasRemaining()) {
                    log.write(chars.toString());
                }
                chars.clear();
                bytes.compact();
            }
            offset = position - bytes.position();
            compactIfLarge(end);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of a worker from " + file, e);
        } finally {
            lock.unlock();
        }
    }

    private void compactIfLarge(long end) throws IOException {
        if (offset >= COMPACT_ABOVE && offset == end && channel.size() == end) {
            channel.truncate(0);
            offset = 0;
        }
    }

    /** Deletes the file. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            channel.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        } finally {
            lock.unlock();
        }
    }
}
