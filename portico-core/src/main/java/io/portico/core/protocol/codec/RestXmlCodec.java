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
import org.w3c.dom.Element;

/**
 * REST-XML: routing and header, query and label bindings as REST-JSON; bodies are XML whose root is the
 * operation's input element (or a structure payload member), answers are rooted at the output shape's
 * name in the service's namespace, errors are {@code ErrorResponse} documents. Thread safe.
 */
public final class RestXmlCodec implements WireCodec {
    static final RestXmlCodec INSTANCE = new RestXmlCodec();
    private static final String XML = "application/xml";

    private RestXmlCodec() {
    }

    @Override
    public ObjectNode decode(ServiceApi api, OperationModel operation, AwsRequest request, Map<String, String> labels) {
        ObjectNode document = Json.object();
        Optional<Member> payload = RestJsonCodec.payloadMember(operation.input());
        if (request.body().length > 0 && operation.input().isPresent()) {
            if (payload.isPresent() && payload.get().shape() instanceof Shape.BlobShape) {
                document.set(payload.get().name(), BinaryNode.valueOf(request.body()));
            } else if (payload.isPresent() && payload.get().shape() instanceof Shape.StringShape) {
                document.put(payload.get().name(), new String(request.body(), StandardCharsets.UTF_8));
            } else if (payload.isPresent() && payload.get().shape() instanceof Shape.Structure s) {
                Element root = XmlInput.parse(request.body(), api.typeErrors());
                document.set(payload.get().name(), XmlInput.structure(s, root, payload.get().name(), api.typeErrors(),
                        m -> true));
            } else {
                Element root = XmlInput.parse(request.body(), api.typeErrors());
                document.setAll(XmlInput.structure(operation.input().get(), root, "", api.typeErrors(),
                        RestBindings::inBody));
            }
        }
        RestBindings.read(operation, request, labels, document, api.typeErrors());
        return document;
    }

    @Override
    public AwsResponse encode(ServiceApi api, OperationModel operation, ObjectNode output, String requestId) {
        int status = RestBindings.status(operation, output);
        Map<String, String> headers = RestBindings.headers(operation, output);
        if (operation.output().isEmpty() || status == 204) {
            return new AwsResponse(status, null, headers, new byte[0]);
        }
        Shape.Structure shape = operation.output().get();
        Optional<String> namespace = operation.xmlNamespace().or(() -> api.model().xmlNamespace());
        Optional<Member> payload = RestJsonCodec.payloadMember(operation.output());
        if (payload.isPresent()) {
            JsonNode value = output.get(payload.get().name());
            if (!(payload.get().shape() instanceof Shape.Structure s)) {
                byte[] body = value == null ? new byte[0] : Scalars.bytes(value);
                return new AwsResponse(status, "application/octet-stream", headers, body);
            }
            XmlOutput xml = new XmlOutput().start(payload.get().wireName(), namespace);
            if (value != null) {
                xml.members(s, value, m -> true);
            }
            return new AwsResponse(status, XML, headers, xml.end().bytes());
        }
        XmlOutput xml = new XmlOutput().start(shape.name(), namespace).members(shape, output, RestBindings::inBody);
        return new AwsResponse(status, XML, headers, xml.end().bytes());
    }

    @Override
    public AwsResponse error(ServiceApi api, AwsError error, String requestId) {
        return QueryCodec.xmlError(api == null ? Optional.empty() : api.model().xmlNamespace(), error, requestId);
    }
}
