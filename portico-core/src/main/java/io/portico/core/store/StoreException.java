package io.portico.core.store;

/** A database failure the caller cannot fix by changing its input (I/O, corruption, a bug in SQL). */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
