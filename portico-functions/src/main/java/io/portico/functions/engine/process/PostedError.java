package io.portico.functions.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.InvocationOutcome.FunctionError;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * An error a worker posts to {@code /invocation/{id}/error} or {@code /init/error}, turned into the
 * function error Invoke returns. As on Lambda the body is the error document, passed on as posted,
 * except that a body of type {@code application/vnd.aws.lambda.error.cause+json} is cut down to its
 * {@code errorMessage}, {@code errorType} and {@code stackTrace} (its {@code errorCause} is for X-Ray).
 *
 * <p>The outcome's errorType is the document's own (what Step Functions matches on; Lambda's Java
 * runtime, for one, posts {@code Lambda-Runtime-Function-Error-Type: Runtime.UserException} with a
 * document naming the exception class), else the {@code Lambda-Runtime-Function-Error-Type} header.
 * A worker that posts no body gets a document built from that header: the OpenAPI description says
 * Lambda does so without saying how, so its exact shape here is Portico's.
 */
record PostedError(FunctionError error, String message) {
    static final String WITH_CAUSE = "application/vnd.aws.lambda.error.cause+json";
    private static final String UNNAMED = "Unhandled";

    /** Reads a posted error; {@code contentType} and {@code headerType} may be empty. */
    static PostedError of(Optional<String> headerType, Optional<String> contentType, byte[] body) {
        byte[] document = contentType.filter(WITH_CAUSE::equalsIgnoreCase).isPresent() ? withoutCause(body) : body;
        Optional<JsonNode> parsed = parse(document);
        Optional<String> documentType = parsed.map(node -> node.path("errorType"))
                .filter(JsonNode::isTextual).map(JsonNode::asText).filter(type -> !type.isEmpty());
        String type = documentType.or(() -> headerType.filter(h -> !h.isBlank())).orElse(UNNAMED);
        if (document.length == 0) {
            document = Json.write(Json.object().put("errorType", type));
        }
        String message = parsed.map(node -> node.path("errorMessage")).filter(JsonNode::isTextual)
                .map(JsonNode::asText).orElse(type);
        return new PostedError(new FunctionError(type, document), message);
    }

    /** What RAPID keeps of an error-with-cause body; {@code "Invalid error body"} when it is not JSON. */
    private static byte[] withoutCause(byte[] body) {
        Optional<JsonNode> parsed = parse(body).filter(JsonNode::isObject);
        if (parsed.isEmpty()) {
            return Json.write("Invalid error body");
        }
        JsonNode node = parsed.get();
        ObjectNode kept = Json.object();
        kept.put("errorMessage", node.path("errorMessage").asText(""));
        kept.put("errorType", node.path("errorType").asText(""));
        if (node.path("stackTrace").isArray() && !node.path("stackTrace").isEmpty()) {
            kept.set("stackTrace", node.get("stackTrace"));
        }
        return Json.write(kept);
    }

    private static Optional<JsonNode> parse(byte[] body) {
        if (body.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.read(body, JsonNode.class));
        } catch (UncheckedIOException notJson) {
            return Optional.empty();
        }
    }
}
