package io.portico.core.protocol;

import java.util.List;
import java.util.Map;

/**
 * The parts of an HTTP request that SigV4 covers, as they arrived on the wire. {@code rawPath} is the
 * still percent-encoded path; {@code query} holds the decoded parameters in arrival order;
 * {@code headers} maps lower-case names to their values joined with commas. Immutable if the caller
 * does not change the maps; no component is null.
 */
public record SignedRequest(
        String method, String rawPath, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {
}
