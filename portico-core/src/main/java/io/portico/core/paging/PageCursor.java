package io.portico.core.paging;

import java.util.Objects;

/**
 * Where the next page starts: an offset into a listing sorted the same way every time, or the key of
 * the last item returned (for listings read from the store by key, which stay correct when items are
 * added or removed between pages). Immutable; thread safe.
 */
public sealed interface PageCursor {

    /** The next page starts at item {@code offset} (0-based). */
    record Offset(int offset) implements PageCursor {
        public Offset {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative: " + offset);
            }
        }
    }

    /** The next page starts after the item whose key is {@code key}. */
    record After(String key) implements PageCursor {
        public After {
            Objects.requireNonNull(key, "key");
        }
    }

    static PageCursor offset(int offset) {
        return new Offset(offset);
    }

    static PageCursor after(String key) {
        return new After(key);
    }
}
