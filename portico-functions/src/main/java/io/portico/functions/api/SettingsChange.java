package io.portico.functions.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.functions.engine.FileSystemConfig;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.VpcConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings a CreateFunction or UpdateFunctionConfiguration request gives, read from the whole request
 * before anything is checked (as Lambda reads a request whole), then laid over a function's current
 * settings (or the defaults) with {@link #over}: what the request has replaces, what it has not keeps.
 * Immutable.
 */
record SettingsChange(
        Optional<String> runtime,
        Optional<String> handler,
        Optional<String> role,
        Optional<String> description,
        Optional<Integer> timeoutSeconds,
        Optional<Integer> memorySizeMb,
        Optional<Map<String, String>> environment,
        Optional<Optional<String>> deadLetterTargetArn,
        Optional<List<String>> architectures,
        Optional<Integer> ephemeralStorageMb,
        Optional<String> tracingMode,
        Optional<VpcConfig> vpc,
        Optional<List<FileSystemConfig>> fileSystems,
        Optional<JsonNode> logging) {

    /** What {@code body} (a CreateFunction or UpdateFunctionConfiguration input) sets. */
    static SettingsChange of(JsonNode body) {
        return new SettingsChange(
                LambdaCall.string(body, "Runtime"),
                LambdaCall.string(body, "Handler"),
                LambdaCall.string(body, "Role"),
                LambdaCall.string(body, "Description"),
                LambdaCall.node(body, "Timeout").map(JsonNode::intValue),
                LambdaCall.node(body, "MemorySize").map(JsonNode::intValue),
                // An Environment without Variables clears them, as one with empty Variables does.
                LambdaCall.node(body, "Environment").map(e -> LambdaCall.stringMap(e, "Variables")),
                LambdaCall.node(body, "DeadLetterConfig")
                        .map(d -> LambdaCall.string(d, "TargetArn").filter(s -> !s.isEmpty())),
                LambdaCall.node(body, "Architectures").map(SettingsChange::strings),
                LambdaCall.node(body, "EphemeralStorage").flatMap(e -> LambdaCall.node(e, "Size")).map(JsonNode::intValue),
                LambdaCall.node(body, "TracingConfig").map(t -> LambdaCall.string(t, "Mode").orElse("PassThrough")),
                LambdaCall.node(body, "VpcConfig").map(SettingsChange::vpc),
                LambdaCall.node(body, "FileSystemConfigs").map(SettingsChange::fileSystems),
                LambdaCall.node(body, "LoggingConfig"));
    }

    /** {@code base} with what this change sets. */
    FunctionSettings over(FunctionSettings base) {
        return new FunctionSettings(
                runtime.orElse(base.runtime()),
                handler.orElse(base.handler()),
                role.orElse(base.role()),
                description.orElse(base.description()),
                timeoutSeconds.orElse(base.timeoutSeconds()),
                memorySizeMb.orElse(base.memorySizeMb()),
                environment.orElse(base.environment()),
                deadLetterTargetArn.orElse(base.deadLetterTargetArn()),
                architectures.orElse(base.architectures()),
                ephemeralStorageMb.orElse(base.ephemeralStorageMb()),
                tracingMode.orElse(base.tracingMode()),
                environment.isPresent() || base.environmentSet(),
                vpc.isPresent() ? vpc : base.vpc(),
                fileSystems.orElse(base.fileSystems()),
                logging.map(l -> base.logging().with(LambdaCall.string(l, "LogFormat"),
                        LambdaCall.string(l, "ApplicationLogLevel"), LambdaCall.string(l, "SystemLogLevel"),
                        LambdaCall.string(l, "LogGroup"))).orElse(base.logging()));
    }

    private static VpcConfig vpc(JsonNode config) {
        return new VpcConfig(LambdaCall.node(config, "SubnetIds").map(SettingsChange::strings).orElse(List.of()),
                LambdaCall.node(config, "SecurityGroupIds").map(SettingsChange::strings).orElse(List.of()),
                LambdaCall.node(config, "Ipv6AllowedForDualStack").map(JsonNode::booleanValue).orElse(false));
    }

    private static List<FileSystemConfig> fileSystems(JsonNode list) {
        List<FileSystemConfig> out = new ArrayList<>();
        list.forEach(f -> out.add(new FileSystemConfig(f.path("Arn").asText(), f.path("LocalMountPath").asText())));
        return out;
    }

    static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(v -> out.add(v.asText()));
        return out;
    }
}
