package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Fingerprint;
import io.portico.core.paging.InvalidPageTokenException;
import io.portico.core.paging.Page;
import io.portico.core.paging.PageScope;
import io.portico.core.paging.PageTokens;
import io.portico.states.engine.ServiceError;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * List pagination as Step Functions does it, on the kit's page tokens: {@code maxResults} (default
 * 100, at most 1000) and an opaque {@code nextToken} bound to the operation, the caller's account and
 * region and every other request member ("keep all other arguments unchanged", as AWS documents), valid
 * for 24 hours. A token that is malformed, tampered with, expired or from another listing is AWS's
 * InvalidToken.
 */
final class Pages {
    private static final Set<String> NOT_FILTERS = Set.of("nextToken", "maxResults");

    private Pages() {
    }

    static <T> void page(PageTokens tokens, Call call, List<T> items, ObjectNode out, String member,
                         Function<T, ObjectNode> render) {
        PageScope scope = scope(call);
        int start = call.optional("nextToken").map(token -> offset(tokens, scope, token)).orElse(0);
        Page<T> page = tokens.page(scope, start, items, call.maxResults());
        ArrayNode array = out.putArray(member);
        page.items().forEach(item -> array.add(render.apply(item)));
        page.nextToken().ifPresent(next -> out.put("nextToken", next));
    }

    private static PageScope scope(Call call) {
        return PageScope.of("states", call.operation().operation().name(), call.account(), call.region(),
                Fingerprint.of(call.body(), NOT_FILTERS));
    }

    private static int offset(PageTokens tokens, PageScope scope, String token) {
        try {
            return tokens.offset(scope, token);
        } catch (InvalidPageTokenException e) {
            throw new ServiceError("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }
}
