package io.portico.store.sqlite;

import io.portico.core.store.Store;
import io.portico.core.store.StoreProvider;
import io.portico.core.store.StoreUrl;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The {@code sqlite:} scheme: {@code sqlite:<path>} opens the database file at {@code path} (relative
 * to the working directory unless absolute), e.g. {@code sqlite:/var/lib/portico/portico.db}. Registered
 * in {@code META-INF/services}; stateless and thread safe.
 */
public final class SqliteStoreProvider implements StoreProvider {

    @Override
    public String scheme() {
        return "sqlite";
    }

    @Override
    public Store open(StoreUrl url) {
        Path file;
        try {
            file = Path.of(url.location());
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + url + "' does not name a file: " + e.getMessage(), e);
        }
        return SqliteStore.openFile(file);
    }
}
