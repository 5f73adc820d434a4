package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.Member;
import io.portico.core.model.OperationModel;
import io.portico.core.model.Shape;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.ServiceApi;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * REST-JSON: the router matched the operation by method and URI template; members come from URI labels,
 * query parameters, headers and a JSON body (or, for an operation with a payload member, the whole body
 * as that member: Lambda's Invoke takes its event this way). The output's header and status-code members
 * go to the response head, the rest to a JSON body; the success status is the model's. Errors are
 * {@code {"message": ...}} with {@code x-amzn-ErrorType}. Thread safe.
 */
public final class RestJsonCodec implements WireCodec {
    static final RestJsonCodec INSTANCE = new RestJsonCodec();
    private static final String JSON = "application/json";

    private RestJsonCodec() {
    }

    @Override
    public ObjectNode decode(ServiceApi api, OperationModel operation, AwsRequest request, Map<String, String> labels) {
        ObjectNode document;
        Optional<Member> payload = payloadMember(operation.input());
        if (payload.isPresent()) {
            document = Json.object();
            Member member = payload.get();
            if (member.shape() instanceof Shape.BlobShape || member.shape() instanceof Shape.StringShape) {
                if (request.body().length > 0) {
                    document.set(member.name(), member.shape() instanceof Shape.BlobShape
                            ? BinaryNode.valueOf(request.body())
                            : Json.mapper().getNodeFactory().textNode(new String(request.body(),
                                    StandardCharsets.UTF_8)));
                }
            } else if (request.body().length > 0) {
                ObjectNode body = AwsJsonCodec.parseObject(request.body(), api.typeErrors());
                document.set(member.name(), JsonDocuments.decode(member.shape(), body, member.name(), api.typeErrors()));
            }
        } else {
            ObjectNode body = AwsJsonCodec.parseObject(request.body(), api.typeErrors());
            document = operation.input().map(shape -> JsonDocuments.structure(shape, body, api.typeErrors()))
                    .orElse(body);
            // Members bound to the URI, query or headers come only from there, never from the body.
            operation.input().ifPresent(shape -> shape.members().values().stream()
                    .filter(member -> !RestBindings.inBody(member)).forEach(member -> document.remove(member.name())));
        }
        RestBindings.read(operation, request, labels, document, api.typeErrors());
        return document;
    }

    @Override
    public AwsResponse encode(ServiceApi api, OperationModel operation, ObjectNode output, String requestId) {
        int status = RestBindings.status(operation, output);
        Map<String, String> headers = RestBindings.headers(operation, output);
        Optional<Member> payload = payloadMember(operation.output());
        if (payload.isPresent()) {
            JsonNode value = output.get(payload.get().name());
            if (payload.get().shape() instanceof Shape.BlobShape || payload.get().shape() instanceof Shape.StringShape) {
                byte[] body = value == null || value.isNull() ? new byte[0] : Scalars.bytes(value);
                return new AwsResponse(status, body.length == 0 ? null : "application/octet-stream", headers, body);
            }
            return new AwsResponse(status, JSON, headers, Json.write(value == null ? Json.object() : value));
        }
        if (operation.output().isEmpty() || status == 204) {
            return new AwsResponse(status, null, headers, new byte[0]);
        }
        ObjectNode body = Json.object();
        operation.output().get().members().values().forEach(member -> {
            JsonNode value = output.get(member.name());
            if (RestBindings.inBody(member) && value != null && !value.isNull()) {
                body.set(member.name(), value);
            }
        });
        return new AwsResponse(status, JSON, headers, Json.write(body));
    }

    @Override
    public AwsResponse error(ServiceApi api, AwsError error, String requestId) {
        return AwsJsonCodec.jsonError(api, error, JSON, false);
    }

    static Optional<Member> payloadMember(Optional<Shape.Structure> shape) {
        return shape.flatMap(s -> s.payload().flatMap(s::member));
    }
}
