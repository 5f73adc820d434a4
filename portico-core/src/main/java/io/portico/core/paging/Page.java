package io.portico.core.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing: its items and, when more follow, the token for the next page.
 * Immutable when its item list is; thread safe.
 */
public record Page<T>(List<T> items, Optional<String> nextToken) {

    public Page {
        items = List.copyOf(items);
    }
}
