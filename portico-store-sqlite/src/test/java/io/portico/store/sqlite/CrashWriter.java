package io.portico.store.sqlite;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Child process of {@link SqliteStoreCrashTest}: writes rows from several threads forever and prints
 * each id only after its {@code write} returned, i.e. once the store says it is durable.
 */
public final class CrashWriter {

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        store.migrate("crash", java.util.List.of(io.portico.core.store.Migration.of(1,
                "CREATE TABLE acks (id INTEGER PRIMARY KEY)")));
        AtomicLong ids = new AtomicLong();
        Object out = new Object();
        for (int t = 0; t < 8; t++) {
            Thread.ofPlatform().start(() -> {
                while (true) {
                    long id = ids.incrementAndGet();
                    store.write(tx -> tx.update("INSERT INTO acks (id) VALUES (?)", id));
                    synchronized (out) {
                        System.out.println(id);
                        System.out.flush();
                    }
                }
            });
        }
        Thread.currentThread().join();
    }
}
