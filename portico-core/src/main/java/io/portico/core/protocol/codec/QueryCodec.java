package io.portico.core.protocol.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.model.OperationModel;
import io.portico.core.protocol.AwsRequest;
import io.portico.core.protocol.QueryString;
import io.portico.core.service.AwsError;
import io.portico.core.service.AwsResponse;
import io.portico.core.service.ServiceApi;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * AWS's query protocol: {@code Action=...&Version=...} and the members as form parameters (in a
 * form-encoded body or the query string); the answer is {@code <ActionResponse><ActionResult>...}
 * with {@code ResponseMetadata/RequestId}, and an error is {@code <ErrorResponse><Error><Type>Sender}
 * (or {@code Receiver}) with {@code Code} and {@code Message}. Thread safe.
 */
public final class QueryCodec implements WireCodec {
    static final QueryCodec INSTANCE = new QueryCodec();
    private static final String XML = "text/xml";

    private QueryCodec() {
    }

    /** The form parameters of a query request: the query string and a form-encoded body together. */
    public static Map<String, List<String>> parameters(AwsRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>(request.query());
        if (request.body().length > 0 && request.header("content-type")
                .filter(t -> t.startsWith("application/x-www-form-urlencoded")).isPresent()) {
            QueryString.parse(new String(request.body(), StandardCharsets.UTF_8)).forEach(
                    (name, values) -> params.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
        }
        return params;
    }

    @Override
    public ObjectNode decode(ServiceApi api, OperationModel operation, AwsRequest request, Map<String, String> labels) {
        NavigableMap<String, List<String>> params = new TreeMap<>(parameters(request));
        return operation.input().map(shape -> QueryInput.structure(shape, params, "", api.typeErrors()))
                .orElseGet(Json::object);
    }

    @Override
    public AwsResponse encode(ServiceApi api, OperationModel operation, ObjectNode output, String requestId) {
        XmlOutput xml = new XmlOutput().start(operation.name() + "Response", api.model().xmlNamespace());
        operation.output().ifPresent(shape -> {
            xml.start(operation.resultWrapper().orElse(operation.name() + "Result"));
            xml.members(shape, output, m -> true);
            xml.end();
        });
        xml.start("ResponseMetadata").text("RequestId", requestId).end();
        return new AwsResponse(200, XML, Map.of(), xml.end().bytes());
    }

    @Override
    public AwsResponse error(ServiceApi api, AwsError error, String requestId) {
        return xmlError(api == null ? Optional.empty() : api.model().xmlNamespace(), error, requestId);
    }

    /** The {@code ErrorResponse} document query and REST-XML services answer with. */
    static AwsResponse xmlError(Optional<String> namespace, AwsError error, String requestId) {
        XmlOutput xml = new XmlOutput().start("ErrorResponse", namespace).start("Error")
                .text("Type", error.senderFault() ? "Sender" : "Receiver")
                .text("Code", error.code());
        error.message().ifPresent(message -> xml.text("Message", message));
        error.extra().properties().forEach(e -> xml.text(e.getKey(), e.getValue().asText()));
        xml.end().text("RequestId", requestId);
        return new AwsResponse(error.status(), XML, Map.of(), xml.end().bytes());
    }
}
