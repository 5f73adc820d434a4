package io.portico.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portico.core.store.StoreContract;
import io.portico.core.testing.TestClock;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page-token key lives in the store: tokens survive a restart and are foreign to any other store. */
public abstract class PageTokensStoreContract extends StoreContract {
    private static final PageScope SCOPE = PageScope.of("states", "ListActivities", "000000000000", "us-east-1");

    private final TestClock clock = new TestClock(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path otherDir;

    @Test
    void token_survivesReopen() {
        String token = PageTokens.of(store, clock).encode(SCOPE, PageCursor.offset(5));

        reopen();

        assertThat(PageTokens.of(store, clock).offset(SCOPE, token)).isEqualTo(5);
    }

    @Test
    void of_twice_sharesOneKey() {
        String token = PageTokens.of(store, clock).encode(SCOPE, PageCursor.offset(5));

        assertThat(PageTokens.of(store, clock).offset(SCOPE, token)).isEqualTo(5);
    }

    @Test
    void token_ofAnotherStore_isForeign() {
        String token = PageTokens.of(store, clock).encode(SCOPE, PageCursor.offset(5));
        var other = open(otherDir);
        try {
            PageTokens otherTokens = PageTokens.of(other, clock);

            assertThatThrownBy(() -> otherTokens.offset(SCOPE, token))
                    .isInstanceOfSatisfying(InvalidPageTokenException.class,
                            e -> assertThat(e.reason()).isEqualTo(InvalidPageTokenException.Reason.FOREIGN));
        } finally {
            other.close();
        }
    }
}
