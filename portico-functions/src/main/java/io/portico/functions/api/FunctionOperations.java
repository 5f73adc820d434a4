package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.protocol.AwsResponse;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.FunctionVersion;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.NewFunction;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateFunction, Get/Update/Delete, ListFunctions, PublishVersion, ListVersionsByFunction. */
final class FunctionOperations {
    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String NAME = "/([^/]+)";

    private FunctionOperations() {
    }

    static void register(List<Route> routes, Functions functions) {
        routes.add(Route.of("CreateFunction", "POST", FUNCTIONS, call -> create(call, functions)));
        routes.add(Route.of("ListFunctions", "GET", FUNCTIONS, call -> list(call, functions)));
        routes.add(Route.of("GetFunction", "GET", FUNCTIONS + NAME, call -> get(call, functions)));
        routes.add(Route.of("GetFunctionConfiguration", "GET", FUNCTIONS + NAME + "/configuration",
                call -> LambdaService.json(200, configuration(call, functions))));
        routes.add(Route.of("DeleteFunction", "DELETE", FUNCTIONS + NAME, call -> {
            functions.delete(call.function());
            return LambdaService.empty(204);
        }));
        routes.add(Route.of("UpdateFunctionCode", "PUT", FUNCTIONS + NAME + "/code", call -> {
            byte[] zip = zipFile(call.body());
            FunctionVersion v = functions.updateCode(call.unqualifiedFunction(), zip,
                    call.body().path("Publish").asBoolean(false), call.text("RevisionId"));
            return LambdaService.json(200, LambdaWire.configuration(v, v.reportedArn()));
        }));
        routes.add(Route.of("UpdateFunctionConfiguration", "PUT", FUNCTIONS + NAME + "/configuration", call -> {
            FunctionVersion v = functions.updateConfiguration(call.unqualifiedFunction(),
                    current -> settings(call.body(), current), call.text("RevisionId"));
            return LambdaService.json(200, LambdaWire.configuration(v, v.reportedArn()));
        }));
        routes.add(Route.of("PublishVersion", "POST", FUNCTIONS + NAME + "/versions", call -> {
            FunctionVersion v = functions.publishVersion(call.unqualifiedFunction(), call.text("CodeSha256"),
                    call.text("RevisionId"), call.text("Description"));
            return LambdaService.json(201, LambdaWire.configuration(v, v.reportedArn()));
        }));
        routes.add(Route.of("ListVersionsByFunction", "GET", FUNCTIONS + NAME + "/versions", call -> {
            List<ObjectNode> versions = functions.versions(call.unqualifiedFunction()).stream()
                    .map(v -> LambdaWire.configuration(v, v.reportedArn()))
                    .toList();
            return page(call, versions, "Versions");
        }));
    }

    private static AwsResponse create(LambdaCall call, Functions functions) {
        ObjectNode body = call.body();
        String name = call.text("FunctionName").orElseThrow(() -> missing("functionName"));
        if (call.text("Role").isEmpty()) {
            throw missing("role");
        }
        if (body.path("PackageType").asText("Zip").equals("Image")) {
            throw FunctionsException.invalidParameter("PackageType Image is not supported by Portico: deploy the"
                    + " function as a Zip package (ZipFile).");
        }
        FunctionSettings defaults = new FunctionSettings(body.path("Runtime").asText(null), null, null, "",
                FunctionSettings.DEFAULT_TIMEOUT_SECONDS, FunctionSettings.DEFAULT_MEMORY_MB, Map.of(), Optional.empty(),
                List.of("x86_64"), 512, "PassThrough");
        FunctionRef ref = FunctionRef.parse(name, Optional.empty(), call.request().accountId(), call.request().region());
        if (ref.qualifier().isPresent()) {
            throw FunctionsException.invalidParameter("Function name cannot contain a qualifier: " + name);
        }
        FunctionVersion v = functions.create(new NewFunction(ref.accountId(), ref.region(), ref.name(),
                settings(body, defaults), zipFile(body.path("Code")), body.path("Publish").asBoolean(false),
                stringMap(body.path("Tags"))));
        return LambdaService.json(201, LambdaWire.configuration(v, v.reportedArn()));
    }

    private static AwsResponse get(LambdaCall call, Functions functions) {
        FunctionRef ref = call.function();
        ObjectNode config = configuration(call, functions);
        ObjectNode out = Json.object();
        out.set("Configuration", config);
        FunctionVersion v = functions.get(ref);
        out.putObject("Code").put("RepositoryType", "S3").put("Location",
                call.request().host().isEmpty() ? "" : "http://" + call.request().host() + CodeDownload.PATH
                        + CodeDownload.token(v.codeSha256()));
        Map<String, String> tags = functions.store().tags(ref.arn());
        if (!tags.isEmpty()) {
            ObjectNode t = out.putObject("Tags");
            tags.forEach(t::put);
        }
        functions.store().reservedConcurrency(ref.accountId(), ref.region(), ref.name())
                .ifPresent(c -> out.putObject("Concurrency").put("ReservedConcurrentExecutions", c));
        return LambdaService.json(200, out);
    }

    private static ObjectNode configuration(LambdaCall call, Functions functions) {
        FunctionRef ref = call.function();
        FunctionVersion v = functions.get(ref);
        boolean alias = ref.qualifier().filter(q -> !q.equals(v.version())).isPresent();
        return LambdaWire.configuration(v, alias ? ref.qualifiedArn() : v.reportedArn());
    }

    private static AwsResponse list(LambdaCall call, Functions functions) {
        boolean all = call.query("FunctionVersion").filter("ALL"::equals).isPresent();
        List<ObjectNode> configs = functions.list(call.request().accountId(), call.request().region(), all).stream()
                .map(v -> LambdaWire.configuration(v, v.reportedArn()))
                .toList();
        return page(call, configs, "Functions");
    }

    /** Lambda's Marker/MaxItems paging; the marker is the offset, opaque to clients. */
    static AwsResponse page(LambdaCall call, List<ObjectNode> items, String field) {
        int max = call.query("MaxItems").map(FunctionOperations::parseInt).orElse(50);
        if (max < 1 || max > 10000) {
            throw new FunctionsException("ValidationException", "1 validation error detected: Value '" + max
                    + "' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 10000");
        }
        int from = call.query("Marker").map(FunctionOperations::decodeMarker).orElse(0);
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray(field);
        items.stream().skip(from).limit(max).forEach(array::add);
        if (from + max < items.size()) {
            out.put("NextMarker", Base64.getUrlEncoder().encodeToString(Integer.toString(from + max).getBytes()));
        }
        return LambdaService.json(200, out);
    }

    /** Settings from a CreateFunction/UpdateFunctionConfiguration body over {@code base}. */
    static FunctionSettings settings(JsonNode body, FunctionSettings base) {
        Map<String, String> environment = body.has("Environment")
                ? stringMap(body.path("Environment").path("Variables")) : base.environment();
        Optional<String> dlq = body.has("DeadLetterConfig")
                ? Optional.ofNullable(body.path("DeadLetterConfig").path("TargetArn").asText(null)).filter(s -> !s.isEmpty())
                : base.deadLetterTargetArn();
        List<String> architectures = base.architectures();
        if (body.has("Architectures")) {
            List<String> list = new ArrayList<>();
            body.get("Architectures").forEach(a -> list.add(a.asText()));
            architectures = list;
        }
        return new FunctionSettings(
                text(body, "Runtime", base.runtime()),
                text(body, "Handler", base.handler()),
                text(body, "Role", base.role()),
                text(body, "Description", base.description()),
                LambdaCall.integer(body, "Timeout").orElse(base.timeoutSeconds()),
                LambdaCall.integer(body, "MemorySize").orElse(base.memorySizeMb()),
                environment, dlq, architectures,
                LambdaCall.integer(body.path("EphemeralStorage"), "Size").orElse(base.ephemeralStorageMb()),
                body.has("TracingConfig") ? body.path("TracingConfig").path("Mode").asText("PassThrough") : base.tracingMode());
    }

    private static byte[] zipFile(JsonNode code) {
        if (code.hasNonNull("S3Bucket") || code.hasNonNull("S3Key")) {
            throw FunctionsException.invalidParameter("Portico has no S3 yet: upload the function's code as ZipFile.");
        }
        if (code.hasNonNull("ImageUri")) {
            throw FunctionsException.invalidParameter("Container images are not supported by Portico: upload the"
                    + " function's code as ZipFile.");
        }
        JsonNode zip = code.get("ZipFile");
        if (zip == null || zip.isNull()) {
            throw FunctionsException.invalidParameter("Please provide a source for function code.");
        }
        try {
            return Base64.getDecoder().decode(zip.asText());
        } catch (IllegalArgumentException e) {
            throw new FunctionsException("InvalidRequestContentException", "Could not parse request body into json:"
                    + " ZipFile is not valid base64");
        }
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().asText()));
        }
        return map;
    }

    private static String text(JsonNode body, String field, String fallback) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    private static FunctionsException missing(String field) {
        return new FunctionsException("ValidationException", "1 validation error detected: Value null at '" + field
                + "' failed to satisfy constraint: Member must not be null");
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new FunctionsException("InvalidParameterValueException", "Invalid MaxItems: " + s);
        }
    }

    private static int decodeMarker(String marker) {
        try {
            return Integer.parseInt(new String(Base64.getUrlDecoder().decode(marker)));
        } catch (IllegalArgumentException e) {
            throw FunctionsException.invalidParameter("Invalid Marker: " + marker);
        }
    }
}
