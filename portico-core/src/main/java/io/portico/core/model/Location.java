package io.portico.core.model;

/** Where a member of a REST operation's input or output travels, as the model's {@code location} says. */
public enum Location {
    /** The body (the default). */
    BODY,
    /** A label of the request URI, {@code {Name}} or greedy {@code {Key+}}. */
    URI,
    /** A query-string parameter. */
    QUERY,
    /** One HTTP header. */
    HEADER,
    /** Every header with a prefix ({@code X-Amz-Meta-}), as a map. */
    HEADERS,
    /** The HTTP status code of a response. */
    STATUS_CODE;

    static Location of(String location) {
        if (location == null) {
            return BODY;
        }
        return switch (location) {
            case "uri" -> URI;
            case "querystring" -> QUERY;
            case "header" -> HEADER;
            case "headers" -> HEADERS;
            case "statusCode" -> STATUS_CODE;
            default -> throw new IllegalArgumentException("unknown member location: " + location);
        };
    }
}
