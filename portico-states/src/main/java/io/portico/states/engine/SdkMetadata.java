package io.portico.states.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code SdkHttpMetadata} and {@code SdkResponseMetadata} members AWS adds to the result of an
 * optimized integration: the HTTP view the AWS SDK for Java v1 inside Step Functions has of the service's
 * answer. {@code AllHttpHeaders} holds each header as a one-element list, in the order the service's
 * answer had them (the SDK keeps them in a hash map; the order given here is the recorded one);
 * {@code HttpHeaders} holds them as strings, sorted case-insensitively as the SDK's tree map sorts them.
 * Stateless.
 */
public final class SdkMetadata {
    /** The {@code Date} header's form. */
    public static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private SdkMetadata() {
    }

    /** Adds both members to {@code result}; {@code headers} in the service's order. */
    public static void addTo(ObjectNode result, String requestId, int status, Map<String, String> headers) {
        ObjectNode all = Json.object();
        headers.forEach((name, value) -> all.putArray(name).add(value));
        Map<String, String> sorted = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        sorted.putAll(headers);
        ObjectNode http = result.putObject("SdkHttpMetadata");
        http.set("AllHttpHeaders", all);
        ObjectNode byName = http.putObject("HttpHeaders");
        sorted.forEach(byName::put);
        http.put("HttpStatusCode", status);
        result.putObject("SdkResponseMetadata").put("RequestId", requestId);
    }

    /**
     * The headers of an AWS JSON 1.0 answer as recorded for Step Functions' StartExecution
     * (test_sfn_task_service / test_callback snapshots): request id, keep-alive, length, date, type.
     */
    public static Map<String, String> json10Headers(String requestId, int contentLength, Instant date) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        headers.put("connection", "keep-alive");
        headers.put("Content-Length", Integer.toString(contentLength));
        headers.put("Date", HTTP_DATE.format(date));
        headers.put("Content-Type", "application/x-amz-json-1.0");
        return headers;
    }
}
