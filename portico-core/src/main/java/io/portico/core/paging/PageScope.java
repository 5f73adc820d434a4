package io.portico.core.paging;

import io.portico.core.json.Fingerprint;
import java.util.List;
import java.util.Objects;

/**
 * The listing a page token belongs to: the service and operation, the caller's account and region, and
 * a fingerprint of the request's filters (every member but the token and the page size; see
 * {@link Fingerprint#of(com.fasterxml.jackson.databind.JsonNode, java.util.Set)}). A token made for one
 * scope does not decode in another, so a token cannot be replayed against another account, another
 * operation, or the same operation with other filters ("keep all other arguments unchanged", as AWS
 * documents its tokens). Immutable; thread safe; no member is null.
 */
public record PageScope(String service, String operation, String account, String region, String filters) {

    public PageScope {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(filters, "filters");
    }

    /** A listing with no filters beyond account and region. */
    public static PageScope of(String service, String operation, String account, String region) {
        return new PageScope(service, operation, account, region, "");
    }

    /** A listing whose filters have the fingerprint {@code filters}. */
    public static PageScope of(String service, String operation, String account, String region, String filters) {
        return new PageScope(service, operation, account, region, filters);
    }

    /** The scope as one unambiguous string (length-prefixed parts): what the token's MAC covers. */
    String canonical() {
        return Fingerprint.of(List.of(service, operation, account, region, filters));
    }
}
