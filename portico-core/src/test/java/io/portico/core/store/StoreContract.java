package io.portico.core.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Base of the kit's store test suites: each store implementation runs every suite by extending it and
 * saying how to open itself on a directory. A fresh store per test, closed after it.
 */
public abstract class StoreContract {
    @TempDir
    protected Path dir;
    protected Store store;

    /** Opens (creating if needed) this implementation's store in {@code dir}. */
    protected abstract Store open(Path dir);

    @BeforeEach
    void openStore() {
        store = open(dir);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** Closes the store and opens it again on the same files, as a restart does. */
    protected void reopen() {
        store.close();
        store = open(dir);
    }
}
