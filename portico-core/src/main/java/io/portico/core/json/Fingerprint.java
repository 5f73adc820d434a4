package io.portico.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A short, stable digest of a request's members: what a client token remembers to tell a true retry
 * from a different request, and what a page token is bound to so that it only continues the listing it
 * came from.
 *
 * <p>Stable means independent of member order: objects are digested with their keys sorted, at every
 * depth, so {@code {"a":1,"b":2}} and {@code {"b":2,"a":1}} have one fingerprint. Array order counts.
 * The digest is SHA-256, base64url without padding (43 characters). Thread safe; static only.
 */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** The fingerprint of {@code request} without the top-level members named in {@code ignored}. */
    public static String of(JsonNode request, Set<String> ignored) {
        JsonNode subject = request;
        if (request instanceof ObjectNode object && !ignored.isEmpty()) {
            ObjectNode copy = object.deepCopy();
            copy.remove(ignored);
            subject = copy;
        }
        StringBuilder canonical = new StringBuilder();
        write(subject, canonical);
        return digest(canonical.toString());
    }

    /** The fingerprint of an ordered list of strings (length-prefixed, so no two lists collide by joining). */
    public static String of(List<String> parts) {
        StringBuilder canonical = new StringBuilder();
        for (String part : parts) {
            canonical.append(part.length()).append(':').append(part);
        }
        return digest(canonical.toString());
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>(node.properties());
            fields.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (Map.Entry<String, JsonNode> field : fields) {
                out.append(Json.writeString(field.getKey())).append(':');
                write(field.getValue(), out);
                out.append(',');
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode element : node) {
                write(element, out);
                out.append(',');
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String digest(String canonical) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
