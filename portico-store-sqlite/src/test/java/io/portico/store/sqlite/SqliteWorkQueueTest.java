package io.portico.store.sqlite;

import io.portico.core.store.Store;
import io.portico.core.work.WorkQueueContract;
import java.nio.file.Path;

/** The work queue on the embedded store. */
class SqliteWorkQueueTest extends WorkQueueContract {

    @Override
    protected Store openStore(Path dir) {
        return SqliteStore.open(dir);
    }
}
