package io.portico.core.protocol;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request to the AWS endpoint as the protocol front read it: method, raw (still
 * percent-encoded) path, decoded query parameters in arrival order, headers by lower-case name (repeated
 * headers joined with commas) and the body. Codecs decode it into an operation's input. Immutable if the
 * caller does not change the maps; thread safe then.
 */
public record AwsRequest(String method, String path, Map<String, List<String>> query, Map<String, String> headers,
        byte[] body) {

    /** The value of a header, by lower-case name. */
    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParameter(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }
}
