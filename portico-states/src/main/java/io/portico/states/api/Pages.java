package io.portico.states.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.engine.ServiceError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * List pagination as Step Functions does it: {@code maxResults} (default 100, at most 1000) and an
 * opaque {@code nextToken}. The token encodes the offset of the next item; a token that does not
 * decode is AWS's InvalidToken.
 */
final class Pages {
    private Pages() {
    }

    static <T> void page(Call call, List<T> items, ObjectNode out, String member, Function<T, ObjectNode> render) {
        int start = call.optional("nextToken").map(Pages::decode).orElse(0);
        int size = call.maxResults();
        ArrayNode array = out.putArray(member);
        int end = Math.min(items.size(), start + size);
        for (int i = start; i < end; i++) {
            array.add(render.apply(items.get(i)));
        }
        if (end < items.size()) {
            out.put("nextToken", encode(end));
        }
    }

    private static String encode(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("p:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!text.startsWith("p:")) {
                throw new IllegalArgumentException(token);
            }
            return Integer.parseInt(text.substring(2));
        } catch (IllegalArgumentException e) {
            throw new ServiceError("InvalidToken", "Invalid Token: '" + token + "'");
        }
    }
}
