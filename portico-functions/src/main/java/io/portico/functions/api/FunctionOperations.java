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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** CreateFunction, Get/Update/Delete, ListFunctions, PublishVersion, ListVersionsByFunction. */
final class FunctionOperations {
    private static final String FUNCTIONS = "/2015-03-31/functions";
    private static final String NAME = "/([^/]+)";
    private static final List<String> TRACING_MODES = List.of("Active", "PassThrough");
    private static final List<String> ARCHITECTURES = List.of("x86_64", "arm64");

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
        String name = call.text("FunctionName").orElseThrow(() -> FunctionsException.missing("functionName"));
        if (call.text("Role").isEmpty()) {
            throw FunctionsException.missing("role");
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
                LambdaCall.stringMap(body, "Tags")));
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
            throw FunctionsException.validation("maxItems", max, "Member must have value between 1 and 10000");
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
        Map<String, String> environment = LambdaCall.object(body, "Environment")
                .map(e -> LambdaCall.stringMap(e, "Variables")).orElse(base.environment());
        Optional<String> dlq = LambdaCall.object(body, "DeadLetterConfig")
                .map(d -> LambdaCall.string(d, "TargetArn").filter(s -> !s.isEmpty()))
                .orElse(base.deadLetterTargetArn());
        List<String> architectures = LambdaCall.list(body, "Architectures").map(FunctionOperations::architectures)
                .orElse(base.architectures());
        String tracing = LambdaCall.object(body, "TracingConfig")
                .map(t -> LambdaCall.string(t, "Mode").orElse("PassThrough")).orElse(base.tracingMode());
        if (!TRACING_MODES.contains(tracing)) {
            throw enumViolation("tracingConfig.mode", tracing, TRACING_MODES);
        }
        return new FunctionSettings(
                LambdaCall.string(body, "Runtime").orElse(base.runtime()),
                LambdaCall.string(body, "Handler").orElse(base.handler()),
                LambdaCall.string(body, "Role").orElse(base.role()),
                LambdaCall.string(body, "Description").orElse(base.description()),
                LambdaCall.integer(body, "Timeout").orElse(base.timeoutSeconds()),
                LambdaCall.integer(body, "MemorySize").orElse(base.memorySizeMb()),
                environment, dlq, architectures,
                LambdaCall.object(body, "EphemeralStorage").flatMap(e -> LambdaCall.integer(e, "Size"))
                        .orElse(base.ephemeralStorageMb()),
                tracing);
    }

    /** Lambda takes exactly one architecture, x86_64 or arm64. */
    private static List<String> architectures(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.forEach(a -> {
            if (a.isContainerNode()) {
                throw new FunctionsException("InvalidRequestContentException", "Could not parse request body into json: "
                        + "Could not parse field 'Architectures' as a list of strings");
            }
            names.add(a.asText());
        });
        if (names.size() != 1) {
            throw FunctionsException.validation("architectures", names, "Member must have length "
                    + (names.isEmpty() ? "greater than or equal to 1" : "less than or equal to 1"));
        }
        if (!ARCHITECTURES.contains(names.get(0))) {
            throw FunctionsException.validation("architectures", names, "Member must satisfy constraint: "
                    + "[Member must satisfy enum value set: " + ARCHITECTURES + "]");
        }
        return names;
    }

    private static FunctionsException enumViolation(String field, String value, List<String> values) {
        return FunctionsException.validation(field, value, "Member must satisfy enum value set: " + values);
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
