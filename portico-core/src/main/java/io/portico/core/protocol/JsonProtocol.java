package io.portico.core.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import java.io.IOException;
import java.util.Map;

/**
 * Helpers for services speaking AWS JSON 1.0/1.1 or REST-JSON: parse a request body, build a success
 * response, and render an {@link AwsError} the way the AWS SDKs expect it. Stateless; thread safe.
 */
public final class JsonProtocol {

    public static final String JSON_1_0 = "application/x-amz-json-1.0";
    public static final String JSON_1_1 = "application/x-amz-json-1.1";
    public static final String REST_JSON = "application/json";

    private JsonProtocol() {
    }

    /**
     * The request body as a JSON object; an empty body reads as {@code {}}.
     *
     * @throws AwsErrorException {@code SerializationException} (400) with Jackson's message when the
     *     body is not a JSON object
     */
    public static ObjectNode parseBody(AwsRequest request) {
        if (request.body().length == 0) {
            return Json.object();
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(request.body());
        } catch (JsonProcessingException e) {
            throw new AwsErrorException("SerializationException", e.getOriginalMessage());
        } catch (IOException e) {
            throw new AwsErrorException("SerializationException", e.getMessage());
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new AwsErrorException("SerializationException", "Start of structure or map found where not expected.");
    }

    /** A 200 response with {@code body} serialised as AWS JSON 1.0. */
    public static AwsResponse ok(Object body) {
        return AwsResponse.json(200, JSON_1_0, Json.write(body));
    }

    /** A 200 response with {@code body} serialised, labelled for {@code protocol} (1.0, 1.1, rest-json). */
    public static AwsResponse ok(String protocol, Object body) {
        return AwsResponse.json(200, contentType(protocol), Json.write(body));
    }

    /** The content type of a protocol name as {@link AwsService#protocol()} gives it. */
    public static String contentType(String protocol) {
        return switch (protocol) {
            case "1.1" -> JSON_1_1;
            case "rest-json" -> REST_JSON;
            default -> JSON_1_0;
        };
    }

    /**
     * The wire form of an error: {@code {"__type":code,"message":msg}} with {@code x-amzn-ErrorType},
     * which both the JSON and REST-JSON parsers of the SDKs map to the modeled exception. A null
     * message is left out, as AWS leaves it out.
     */
    public static AwsResponse error(String protocol, AwsError error) {
        ObjectNode body = Json.object().put("__type", error.code());
        if (error.message() != null) {
            body.put("message", error.message());
        }
        return new AwsResponse(error.status(), contentType(protocol), Map.of("x-amzn-ErrorType", error.code()),
                Json.write(body));
    }
}
