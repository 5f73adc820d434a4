package io.portico.core.model;

/**
 * The wire protocols AWS services speak, as a model's metadata names them ({@code protocol} plus
 * {@code jsonVersion}). Portico serves this closed set; EC2's query dialect is not among them.
 */
public enum Protocol {
    /** {@code X-Amz-Target} routing, JSON bodies, {@code application/x-amz-json-1.0} (Step Functions, DynamoDB, SQS). */
    AWS_JSON_1_0,
    /** As {@link #AWS_JSON_1_0} with {@code application/x-amz-json-1.1} (EventBridge, Logs, KMS, Cognito). */
    AWS_JSON_1_1,
    /** Method and URI-template routing, members bound to path, query, headers or a JSON body (Lambda, API Gateway). */
    REST_JSON,
    /** Form-encoded {@code Action=...} requests answered in XML (SNS, and SQS for older clients). */
    AWS_QUERY,
    /** As {@link #REST_JSON} with XML bodies (S3, Route 53). */
    REST_XML;

    /** The protocol a model's metadata declares. */
    static Protocol of(String protocol, String jsonVersion) {
        return switch (protocol) {
            case "json" -> "1.1".equals(jsonVersion) ? AWS_JSON_1_1 : AWS_JSON_1_0;
            case "rest-json" -> REST_JSON;
            case "query" -> AWS_QUERY;
            case "rest-xml" -> REST_XML;
            default -> throw new IllegalArgumentException("protocol not served by Portico: " + protocol);
        };
    }

    /** Whether requests are routed by method and URI template rather than by a target or action name. */
    public boolean isRest() {
        return this == REST_JSON || this == REST_XML;
    }

    /** Whether bodies are JSON. */
    public boolean isJson() {
        return this == AWS_JSON_1_0 || this == AWS_JSON_1_1 || this == REST_JSON;
    }
}
