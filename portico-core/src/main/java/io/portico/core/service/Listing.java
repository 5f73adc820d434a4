package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Fingerprint;
import io.portico.core.json.Json;
import io.portico.core.paging.InvalidPageTokenException;
import io.portico.core.paging.Page;
import io.portico.core.paging.PageScope;
import io.portico.core.paging.PageTokens;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * How a list operation pages, on the kit's page tokens: which members carry the token and the page size
 * in the request and the token in the response, the default size, and the service's error for a token
 * that is not one of this listing's. A token continues only the listing it came from: same service,
 * operation, account, region and every other request member ("keep all other arguments unchanged", as
 * AWS documents). Immutable; thread safe.
 *
 * @param service the service's name, part of every token's scope
 * @param tokenIn the request member with the token ({@code nextToken}, Lambda's {@code Marker})
 * @param sizeIn the request member with the page size ({@code maxResults}, {@code MaxItems})
 * @param tokenOut the response member for the next token ({@code nextToken}, {@code NextMarker})
 */
public record Listing(String service, String tokenIn, String sizeIn, String tokenOut, int defaultSize,
        Function<String, RuntimeException> invalidToken) {

    /**
     * The page of {@code items} the call asks for, rendered into {@code out} under {@code member}, with
     * the next token when there is more.
     *
     * @throws RuntimeException the service's error for a malformed, tampered, expired or foreign token
     */
    public <T> ObjectNode page(PageTokens tokens, OperationCall call, List<T> items, ObjectNode out, String member,
            Function<T, ObjectNode> render) {
        PageScope scope = PageScope.of(service, call.operation().name(), call.caller().account(),
                call.caller().region(), Fingerprint.of(call.input(), Set.of(tokenIn, sizeIn)));
        int from = call.string(tokenIn).map(token -> offset(tokens, scope, token)).orElse(0);
        int size = call.input().path(sizeIn).asInt(0);
        Page<T> page = tokens.page(scope, from, items, size > 0 ? size : defaultSize);
        ArrayNode array = out.putArray(member);
        page.items().forEach(item -> array.add(render.apply(item)));
        page.nextToken().ifPresent(next -> out.put(tokenOut, next));
        return out;
    }

    /** {@link #page} into a new object. */
    public <T> ObjectNode page(PageTokens tokens, OperationCall call, List<T> items, String member,
            Function<T, ObjectNode> render) {
        return page(tokens, call, items, Json.object(), member, render);
    }

    private int offset(PageTokens tokens, PageScope scope, String token) {
        try {
            return tokens.offset(scope, token);
        } catch (InvalidPageTokenException e) {
            throw invalidToken.apply(token);
        }
    }
}
