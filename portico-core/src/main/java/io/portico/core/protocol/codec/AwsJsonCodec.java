package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.json.MalformedJsonException;
import io.portico.core.model.OperationModel;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsErrorException;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.ServiceApi;
import io.portico.core.service.TypeErrors;
import java.util.Locale;
import java.util.Map;

/**
 * AWS JSON 1.0 and 1.1: the operation comes from {@code X-Amz-Target}, the input is the JSON body (sent as
 * the protocol's own media type or {@code application/json}), the output is the JSON body with status 200,
 * and an error is {@code {"__type": code, "message": ...}} with {@code x-amzn-ErrorType} (the message
 * member is named as the error shape names it; the code carries the namespace the service prints before
 * it, if its model says so: {@link io.portico.core.model.ServiceModel#errorType}). Thread safe.
 */
public final class AwsJsonCodec implements WireCodec {
    static final AwsJsonCodec JSON_1_0 = new AwsJsonCodec("application/x-amz-json-1.0");
    static final AwsJsonCodec JSON_1_1 = new AwsJsonCodec("application/x-amz-json-1.1");

    private final String contentType;

    private AwsJsonCodec(String contentType) {
        this.contentType = contentType;
    }

    @Override
    public ObjectNode decode(ServiceApi api, OperationModel operation, AwsRequest request, Map<String, String> labels) {
        checkMediaType(request);
        ObjectNode body = parseObject(request.body(), api.typeErrors());
        return operation.input().map(shape -> JsonDocuments.structure(shape, body, api.typeErrors())).orElse(body);
    }

    @Override
    public AwsResponse encode(ServiceApi api, OperationModel operation, ObjectNode output, String requestId) {
        return new AwsResponse(200, contentType, Map.of(), Json.write(output));
    }

    @Override
    public AwsResponse error(ServiceApi api, AwsError error, String requestId) {
        return jsonError(api, error, contentType, true);
    }

    /**
     * A body in any media type but the protocol's own or {@code application/json} (parameters such as a
     * charset aside, as Smithy's protocol test {@code AwsJson10MustSupportParametersInContentType} requires)
     * reaches no operation on AWS: its JSON front end finds the operation by target and media type together.
     * Nothing records Step Functions' answer. DynamoDB's, on the same front end, is recorded by the dynalite
     * emulator (architect/dynalite, index.js: 404 {@code <UnknownOperationException/>} for a body of any
     * other type) and reported in rusoto/rusoto#215 (404 for {@code application/x-amz-json-1.1} sent to a
     * JSON 1.0 service). Portico answers the same code and status in the protocol's JSON error shape, which
     * the SDKs read.
     */
    private void checkMediaType(AwsRequest request) {
        if (request.body().length == 0) {
            return;
        }
        String type = request.header("content-type").map(AwsJsonCodec::mediaType).orElse("");
        if (!type.equals(contentType) && !type.equals("application/json")) {
            throw new AwsErrorException(new AwsError("UnknownOperationException", 404, null));
        }
    }

    private static String mediaType(String contentType) {
        int parameters = contentType.indexOf(';');
        return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
    }

    /** The JSON error body and headers shared by AWS JSON and REST-JSON; {@code withType} adds {@code __type}. */
    static AwsResponse jsonError(ServiceApi api, AwsError error, String contentType, boolean withType) {
        ObjectNode body = Json.object();
        if (withType) {
            body.put("__type", api == null ? error.code() : api.model().errorType(error.code()));
        }
        error.message().ifPresent(message -> body.put(messageMember(api, error.code()), message));
        body.setAll(error.extra());
        return new AwsResponse(error.status(), contentType, Map.of("x-amzn-ErrorType", error.code()), Json.write(body));
    }

    /** The error shape's own name for its message ({@code message} or {@code Message}). */
    static String messageMember(ServiceApi api, String code) {
        if (api == null) {
            return "message";
        }
        return api.model().errorShape(code)
                .flatMap(shape -> shape.members().keySet().stream().filter(n -> n.equalsIgnoreCase("message")).findFirst())
                .orElse("message");
    }

    /** The body as a JSON object (exactly one: see {@link Json#readOne}); an empty body reads as {@code {}}. */
    static ObjectNode parseObject(byte[] bytes, TypeErrors errors) {
        JsonNode node;
        try {
            node = Json.readOne(bytes);
        } catch (MalformedJsonException e) {
            throw new AwsErrorException(errors.unreadable(e.getMessage()));
        }
        if (node.isMissingNode()) {
            return Json.object();
        }
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw JsonDocuments.wrong(node, "", "Structure", errors);
    }
}
