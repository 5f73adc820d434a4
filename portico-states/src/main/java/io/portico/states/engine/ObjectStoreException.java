package io.portico.states.engine;

/**
 * A failed {@link ObjectStore} call. The message reads like S3's own (for example
 * {@code The specified key does not exist.}); {@link #reason()} is the kind of failure, so the engine
 * can name the bucket and key in the error it raises without parsing text.
 */
public final class ObjectStoreException extends RuntimeException {

    /** What went wrong, after S3's error codes where S3 has one. */
    public enum Reason {
        /** S3's {@code NoSuchBucket}. */
        NO_SUCH_BUCKET,
        /** S3's {@code NoSuchKey}. */
        NO_SUCH_KEY,
        /** A bucket or key that this store cannot hold (for example a key that would leave its bucket). */
        INVALID_NAME,
        /** The engine was given no object store ({@link ObjectStore#NONE}). */
        NOT_CONFIGURED,
        /** Reading or writing failed underneath. */
        IO_FAILURE
    }

    private final Reason reason;

    public ObjectStoreException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public ObjectStoreException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    static ObjectStoreException notConfigured() {
        return new ObjectStoreException(Reason.NOT_CONFIGURED, "Portico has no object store configured");
    }
}
