package io.portico.store.sqlite;

import io.portico.core.idempotency.ClientTokensContract;
import io.portico.core.paging.PageTokensStoreContract;
import io.portico.core.store.InsertIfAbsentContract;
import io.portico.core.store.Store;
import io.portico.core.tags.TagTableContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;

/** The service kit's store test suites, run against the SQLite store. */
class SqliteKitContractsTest {

    @Nested
    class InsertIfAbsent extends InsertIfAbsentContract {
        @Override
        protected Store open(Path dir) {
            return SqliteStore.open(dir);
        }
    }

    @Nested
    class Tags extends TagTableContract {
        @Override
        protected Store open(Path dir) {
            return SqliteStore.open(dir);
        }
    }

    @Nested
    class PageTokenKeys extends PageTokensStoreContract {
        @Override
        protected Store open(Path dir) {
            return SqliteStore.open(dir);
        }
    }

    @Nested
    class ClientTokens extends ClientTokensContract {
        @Override
        protected Store open(Path dir) {
            return SqliteStore.open(dir);
        }
    }
}
