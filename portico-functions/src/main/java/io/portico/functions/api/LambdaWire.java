package io.portico.functions.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.functions.engine.Alias;
import io.portico.functions.engine.EventInvokeConfig;
import io.portico.functions.engine.FunctionSettings;
import io.portico.functions.engine.FunctionVersion;
import io.portico.functions.engine.VpcConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Lambda's wire shapes for the engine's values. */
final class LambdaWire {
    /** Members of FunctionConfiguration that Lambda's list operations do not return (recorded: test_lambda_api). */
    private static final List<String> LISTS_LEAVE_OUT = List.of("State", "StateReason",
            "StateReasonCode", "LastUpdateStatus", "LastUpdateStatusReason", "LastUpdateStatusReasonCode",
            "RuntimeVersionConfig");
    /** Lambda's LastModified format, e.g. {@code 2024-05-01T12:00:00.000+0000}. */
    private static final DateTimeFormatter LAST_MODIFIED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);

    private LambdaWire() {
    }

    static String lastModified(Instant at) {
        return LAST_MODIFIED.format(at);
    }

    /** FunctionConfiguration; {@code arn} is the ARN to report (it names the alias when one was asked for). */
    static ObjectNode configuration(FunctionVersion v, String arn) {
        FunctionSettings s = v.settings();
        ObjectNode out = Json.object()
                .put("FunctionName", v.name())
                .put("FunctionArn", arn)
                .put("Runtime", s.runtime())
                .put("Role", s.role())
                .put("Handler", s.handler())
                .put("CodeSize", v.codeSize())
                .put("Description", s.description())
                .put("Timeout", s.timeoutSeconds())
                .put("MemorySize", s.memorySizeMb())
                .put("LastModified", lastModified(v.lastModified()))
                .put("CodeSha256", v.codeSha256())
                .put("Version", v.version());
        if (s.environmentSet() || !s.environment().isEmpty()) {
            ObjectNode variables = out.putObject("Environment").putObject("Variables");
            s.environment().forEach(variables::put);
        }
        s.vpc().ifPresent(vpc -> vpcConfig(out.putObject("VpcConfig"), vpc));
        if (!s.fileSystems().isEmpty()) {
            var fileSystems = out.putArray("FileSystemConfigs");
            s.fileSystems().forEach(f -> fileSystems.addObject().put("Arn", f.arn()).put("LocalMountPath", f.localMountPath()));
        }
        s.deadLetterTargetArn().ifPresent(t -> out.putObject("DeadLetterConfig").put("TargetArn", t));
        out.putObject("TracingConfig").put("Mode", s.tracingMode());
        out.put("RevisionId", v.revisionId());
        out.put("State", v.state().state());
        putIfPresent(out, "StateReason", v.state().stateReason());
        putIfPresent(out, "StateReasonCode", v.state().stateReasonCode());
        out.put("LastUpdateStatus", v.state().lastUpdateStatus());
        putIfPresent(out, "LastUpdateStatusReason", v.state().lastUpdateStatusReason());
        putIfPresent(out, "LastUpdateStatusReasonCode", v.state().lastUpdateStatusReasonCode());
        out.put("PackageType", "Zip");
        var architectures = out.putArray("Architectures");
        s.architectures().forEach(architectures::add);
        out.putObject("EphemeralStorage").put("Size", s.ephemeralStorageMb());
        out.putObject("SnapStart").put("ApplyOn", "None").put("OptimizationStatus", "Off");
        var logging = out.putObject("LoggingConfig");
        s.logging().applicationLogLevel().ifPresent(level -> logging.put("ApplicationLogLevel", level));
        logging.put("LogFormat", s.logging().logFormat()).put("LogGroup", s.logging().logGroupName(v.name()));
        s.logging().systemLogLevel().ifPresent(level -> logging.put("SystemLogLevel", level));
        out.putObject("RuntimeVersionConfig").put("RuntimeVersionArn", RuntimeVersions.arn(v.region(), s.runtime()));
        return out;
    }

    /**
     * A function version as ListFunctions and ListVersionsByFunction list it: Lambda leaves out its state,
     * the last update's status and the runtime version there.
     */
    static ObjectNode listed(FunctionVersion v) {
        ObjectNode out = configuration(v, v.reportedArn());
        out.remove(LISTS_LEAVE_OUT);
        return out;
    }

    /** VpcConfigResponse: VpcId is empty, as Portico has no EC2 to tell which VPC the subnets are in. */
    private static void vpcConfig(ObjectNode out, VpcConfig vpc) {
        vpc.subnetIds().forEach(out.putArray("SubnetIds")::add);
        vpc.securityGroupIds().forEach(out.putArray("SecurityGroupIds")::add);
        out.put("VpcId", "");
        out.put("Ipv6AllowedForDualStack", vpc.ipv6AllowedForDualStack());
    }

    static ObjectNode alias(Alias a) {
        ObjectNode out = Json.object().put("AliasArn", a.arn()).put("Name", a.name())
                .put("FunctionVersion", a.functionVersion()).put("Description", a.description());
        if (!a.additionalWeights().isEmpty()) {
            ObjectNode weights = out.putObject("RoutingConfig").putObject("AdditionalVersionWeights");
            a.additionalWeights().forEach(weights::put);
        }
        return out.put("RevisionId", a.revisionId());
    }

    static ObjectNode eventInvokeConfig(EventInvokeConfig c) {
        ObjectNode out = Json.object().put("LastModified", c.lastModified().toEpochMilli() / 1000.0)
                .put("FunctionArn", c.functionArn())
                .put("MaximumRetryAttempts", c.maximumRetryAttempts())
                .put("MaximumEventAgeInSeconds", c.maximumEventAgeSeconds());
        ObjectNode destinations = out.putObject("DestinationConfig");
        ObjectNode onSuccess = destinations.putObject("OnSuccess");
        c.onSuccess().ifPresent(d -> onSuccess.put("Destination", d));
        ObjectNode onFailure = destinations.putObject("OnFailure");
        c.onFailure().ifPresent(d -> onFailure.put("Destination", d));
        return out;
    }

    private static void putIfPresent(ObjectNode out, String field, String value) {
        if (value != null) {
            out.put(field, value);
        }
    }
}
