package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.core.service.OperationHandler;
import io.portico.functions.engine.CodeUpdate;
import io.portico.functions.engine.FunctionRef;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.FunctionVersion;
import io.portico.functions.engine.Functions;
import io.portico.functions.engine.FunctionsException;
import io.portico.functions.engine.NewFunction;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.portico.core.paging.PageTokens;
import io.portico.core.service.Listing;

/** CreateFunction, Get/Update/Delete, ListFunctions, PublishVersion, ListVersionsByFunction. */
final class FunctionOperations {
    private static final Listing LISTING = new Listing("lambda", "Marker", "MaxItems", "NextMarker", 50,
            marker -> FunctionsException.invalidParameter("Invalid Marker: " + marker));

    private FunctionOperations() {
    }

    static void register(Map<String, OperationHandler> ops, Functions functions) {
        ops.put("CreateFunction", LambdaCall.of(call -> create(call, functions)));
        ops.put("ListFunctions", LambdaCall.of(call -> list(call, functions)));
        ops.put("GetFunction", LambdaCall.of(call -> get(call, functions)));
        ops.put("GetFunctionConfiguration", LambdaCall.of(call -> configuration(call, functions)));
        ops.put("DeleteFunction", LambdaCall.of(call -> {
            functions.delete(call.function());
            return Json.object();
        }));
        ops.put("UpdateFunctionCode", LambdaCall.of(call -> {
            CodeUpdate update = new CodeUpdate(zipFile(call.body()), call.body().path("Publish").asBoolean(false),
                    call.text("RevisionId"), LambdaCall.node(call.body(), "Architectures").map(SettingsChange::strings),
                    call.body().path("DryRun").asBoolean(false));
            FunctionVersion v = functions.updateCode(call.unqualifiedFunction(), update);
            return LambdaWire.configuration(v, v.reportedArn());
        }));
        ops.put("UpdateFunctionConfiguration", LambdaCall.of(call -> {
            SettingsChange change = SettingsChange.of(call.body());
            FunctionVersion v = functions.updateConfiguration(call.unqualifiedFunction(), change::over,
                    call.text("RevisionId"));
            return LambdaWire.configuration(v, v.reportedArn());
        }));
        ops.put("PublishVersion", LambdaCall.of(call -> {
            FunctionVersion v = functions.publishVersion(call.unqualifiedFunction(), call.text("CodeSha256"),
                    call.text("RevisionId"), call.text("Description"));
            return LambdaWire.configuration(v, v.reportedArn());
        }));
        ops.put("ListVersionsByFunction", LambdaCall.of(call -> {
            List<ObjectNode> versions = functions.versions(call.unqualifiedFunction()).stream()
                    .map(LambdaWire::listed)
                    .toList();
            return page(call, functions.pageTokens(), versions, "Versions");
        }));
    }

    private static ObjectNode create(LambdaCall call, Functions functions) {
        ObjectNode body = call.body();
        String name = call.operation().required("FunctionName");
        if (body.path("PackageType").asText("Zip").equals("Image")) {
            throw FunctionsException.invalidParameter("PackageType Image is not supported by Portico: deploy the"
                    + " function as a Zip package (ZipFile).");
        }
        FunctionSettings defaults = new FunctionSettings(body.path("Runtime").asText(null), null, null, "",
                FunctionSettings.DEFAULT_TIMEOUT_SECONDS, FunctionSettings.DEFAULT_MEMORY_MB, Map.of(), Optional.empty(),
                List.of("x86_64"), 512, "PassThrough");
        FunctionRef ref = FunctionRef.parse(name, Optional.empty(), call.account(), call.region());
        if (ref.qualifier().isPresent()) {
            throw FunctionsException.invalidParameter("Function name cannot contain a qualifier: " + name);
        }
        FunctionVersion v = functions.create(new NewFunction(ref.accountId(), ref.region(), ref.name(),
                SettingsChange.of(body).over(defaults), zipFile(body.path("Code")), body.path("Publish").asBoolean(false),
                LambdaCall.stringMap(body, "Tags")));
        return LambdaWire.configuration(v, v.reportedArn());
    }

    private static ObjectNode get(LambdaCall call, Functions functions) {
        FunctionRef ref = call.function();
        ObjectNode config = configuration(call, functions);
        ObjectNode out = Json.object();
        out.set("Configuration", config);
        FunctionVersion v = functions.get(ref);
        out.putObject("Code").put("RepositoryType", "S3").put("Location",
                call.operation().host().map(host -> "http://" + host + CodeDownload.PATH
                        + CodeDownload.token(v.codeSha256())).orElse(""));
        Map<String, String> tags = functions.store().tags(ref.arn());
        if (!tags.isEmpty()) {
            ObjectNode t = out.putObject("Tags");
            tags.forEach(t::put);
        }
        functions.store().reservedConcurrency(ref.accountId(), ref.region(), ref.name())
                .ifPresent(c -> out.putObject("Concurrency").put("ReservedConcurrentExecutions", c));
        return out;
    }

    private static ObjectNode configuration(LambdaCall call, Functions functions) {
        FunctionRef ref = call.function();
        FunctionVersion v = functions.get(ref);
        boolean alias = ref.qualifier().filter(q -> !q.equals(v.version())).isPresent();
        return LambdaWire.configuration(v, alias ? ref.qualifiedArn() : v.reportedArn());
    }

    private static ObjectNode list(LambdaCall call, Functions functions) {
        boolean all = call.text("FunctionVersion").filter("ALL"::equals).isPresent();
        List<ObjectNode> configs = functions.list(call.account(), call.region(), all).stream()
                .map(LambdaWire::listed)
                .toList();
        return page(call, functions.pageTokens(), configs, "Functions");
    }

    /**
     * Lambda's Marker/MaxItems paging (50 by default; the model bounds MaxItems) on the kit's
     * {@link Listing}: a marker continues only the listing it came from; any other is Lambda's
     * InvalidParameterValueException.
     */
    static ObjectNode page(LambdaCall call, PageTokens tokens, List<ObjectNode> items, String field) {
        return LISTING.page(tokens, call.operation(), items, field, item -> item);
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
            return zip.binaryValue();
        } catch (IOException e) {
            throw new IllegalStateException("ZipFile was decoded by the kit", e);
        }
    }

}
