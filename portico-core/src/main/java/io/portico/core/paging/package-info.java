/**
 * List pagination for every service: opaque page tokens ({@link io.portico.core.paging.PageTokens}),
 * authenticated and bound to the listing they continue ({@link io.portico.core.paging.PageScope}), and
 * a helper that pages an in-memory list by offset. A token that is malformed, tampered with, expired
 * or made for another listing decodes to {@link io.portico.core.paging.InvalidPageTokenException},
 * which each service maps to its own AWS error (Step Functions {@code InvalidToken}).
 */
package io.portico.core.paging;
