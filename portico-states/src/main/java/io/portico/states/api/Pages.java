package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.paging.PageTokens;
import io.portico.core.service.Listing;
import io.portico.states.engine.StepFunctionsException;
import java.util.List;
import java.util.function.Function;

/**
 * List pagination as Step Functions does it, on the kit's {@link Listing}: {@code maxResults} (default
 * 100, at most 1000 by the model) and an opaque {@code nextToken} that continues only its own listing for
 * 24 hours; any other token is AWS's InvalidToken ({@code Invalid Token: '<token>'}).
 */
final class Pages {
    private static final Listing LISTING = new Listing("states", "nextToken", "maxResults", "nextToken", 100,
            token -> StepFunctionsException.of(StepFunctionsException.Kind.INVALID_PAGE_TOKEN,
                    "Invalid Token: '" + token + "'"));

    private Pages() {
    }

    static <T> void page(PageTokens tokens, Call call, List<T> items, ObjectNode out, String member,
                         Function<T, ObjectNode> render) {
        LISTING.page(tokens, call.operation(), items, out, member, render);
    }
}
