package io.portico.states.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.parse.DefinitionParser;
import io.portico.states.asl.parse.Diagnostic;
import io.portico.states.asl.parse.MachineType;
import io.portico.states.asl.parse.ValidationReport;
import io.portico.states.engine.AliasInfo;
import io.portico.states.engine.ExecutionRecord;
import io.portico.states.engine.StateMachineInfo;
import io.portico.states.engine.StateMachines;
import io.portico.states.engine.StepFunctions;
import io.portico.states.engine.StepFunctionsException;
import io.portico.states.engine.VersionInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** State machines, versions, aliases and definition validation. */
final class StateMachineOperations {
    /** The definition AWS answers for {@code includedData = METADATA_ONLY}. */
    private static final String NO_DEFINITION = "{}";

    private final StepFunctions engine;

    private StateMachineOperations(StepFunctions engine) {
        this.engine = engine;
    }

    static void register(Map<String, Operation> ops, StepFunctions engine) {
        StateMachineOperations o = new StateMachineOperations(engine);
        ops.put("CreateStateMachine", o::create);
        ops.put("DescribeStateMachine", o::describe);
        ops.put("UpdateStateMachine", o::update);
        ops.put("DeleteStateMachine", o::delete);
        ops.put("ListStateMachines", o::list);
        ops.put("PublishStateMachineVersion", o::publish);
        ops.put("ListStateMachineVersions", o::listVersions);
        ops.put("DeleteStateMachineVersion", o::deleteVersion);
        ops.put("CreateStateMachineAlias", o::createAlias);
        ops.put("DescribeStateMachineAlias", o::describeAlias);
        ops.put("UpdateStateMachineAlias", o::updateAlias);
        ops.put("DeleteStateMachineAlias", o::deleteAlias);
        ops.put("ListStateMachineAliases", o::listAliases);
        ops.put("ValidateStateMachineDefinition", o::validate);
        ops.put("DescribeStateMachineForExecution", o::describeForExecution);
    }

    private ObjectNode create(Call call) {
        MachineType type = type(call.optional("type").orElse("STANDARD"));
        StateMachineInfo info = engine.machines().create(new StateMachines.CreateRequest(call.account(), call.region(),
                call.required("name"), call.required("definition"),
                call.required("roleArn"), type, call.node("loggingConfiguration").map(JsonNode::toString),
                call.node("tracingConfiguration").map(JsonNode::toString), call.flag("publish"),
                call.optional("versionDescription"), call.tags("tags")));
        ObjectNode out = Wire.object();
        out.put("stateMachineArn", info.arn());
        Wire.time(out, "creationDate", info.creationDate());
        if (call.flag("publish")) {
            out.put("stateMachineVersionArn", info.arn() + ":" + info.lastVersion());
        }
        return out;
    }

    private ObjectNode describe(Call call) {
        String arn = call.required("stateMachineArn");
        boolean metadataOnly = call.metadataOnly();
        StateMachines.Target target;
        try {
            target = engine.machines().resolve(arn);
        } catch (StepFunctionsException e) {
            if (e.kind() == StepFunctionsException.Kind.RESOURCE_NOT_FOUND) {
                throw StepFunctionsException.machineNotFound(arn);
            }
            throw e;
        }
        StateMachineInfo m = target.machine();
        ObjectNode out = Wire.object();
        out.put("stateMachineArn", target.versionArn().orElse(m.arn()));
        out.put("name", m.name());
        out.put("status", "ACTIVE");
        out.put("definition", metadataOnly ? NO_DEFINITION : target.definitionText());
        out.put("type", m.type().name());
        if (target.versionArn().isPresent()) {
            VersionInfo v = engine.machines().version(target.versionArn().get()).orElseThrow();
            out.put("roleArn", v.roleArn());
            Wire.time(out, "creationDate", v.creationDate());
            out.put("revisionId", v.revisionId());
            Wire.optional(out, "description", v.description());
        } else {
            out.put("roleArn", m.roleArn());
            Wire.time(out, "creationDate", m.creationDate());
            out.put("revisionId", m.revisionId());
        }
        settings(out, m);
        return out;
    }

    private ObjectNode update(Call call) {
        StateMachines.Updated u = engine.machines().update(call.required("stateMachineArn"), call.optional("definition"),
                call.optional("roleArn"), call.node("loggingConfiguration").map(JsonNode::toString),
                call.node("tracingConfiguration").map(JsonNode::toString), call.flag("publish"),
                call.optional("versionDescription"));
        ObjectNode out = Wire.object();
        Wire.time(out, "updateDate", u.updateDate());
        out.put("revisionId", u.revisionId());
        Wire.optional(out, "stateMachineVersionArn", u.versionArn());
        return out;
    }

    private ObjectNode delete(Call call) {
        engine.machines().delete(call.required("stateMachineArn"));
        return Wire.object();
    }

    private ObjectNode list(Call call) {
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, engine.machines().list(call.account(), call.region()), out, "stateMachines", m -> {
            ObjectNode item = Wire.object();
            item.put("stateMachineArn", m.arn());
            item.put("name", m.name());
            item.put("type", m.type().name());
            Wire.time(item, "creationDate", m.creationDate());
            return item;
        });
        return out;
    }

    private ObjectNode publish(Call call) {
        VersionInfo v = engine.machines().publish(call.required("stateMachineArn"), call.optional("revisionId"),
                call.optional("description"));
        ObjectNode out = Wire.object();
        Wire.time(out, "creationDate", v.creationDate());
        out.put("stateMachineVersionArn", v.arn());
        return out;
    }

    private ObjectNode listVersions(Call call) {
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, engine.machines().versions(call.required("stateMachineArn")), out, "stateMachineVersions",
                v -> arnAndCreationDate("stateMachineVersionArn", v.arn(), v.creationDate()));
        return out;
    }

    private ObjectNode deleteVersion(Call call) {
        engine.machines().deleteVersion(call.required("stateMachineVersionArn"));
        return Wire.object();
    }

    private ObjectNode createAlias(Call call) {
        AliasInfo a = engine.aliases().create(call.required("name"), call.optional("description"),
                routes(call).orElseThrow());
        return arnAndCreationDate("stateMachineAliasArn", a.arn(), a.creationDate());
    }

    private ObjectNode describeAlias(Call call) {
        AliasInfo a = engine.aliases().describe(call.required("stateMachineAliasArn"));
        ObjectNode out = Wire.object();
        out.put("stateMachineAliasArn", a.arn());
        out.put("name", a.name());
        Wire.optional(out, "description", a.description());
        ArrayNode routing = out.putArray("routingConfiguration");
        a.routing().forEach(r -> routing.addObject().put("stateMachineVersionArn", r.versionArn()).put("weight", r.weight()));
        Wire.time(out, "creationDate", a.creationDate());
        Wire.time(out, "updateDate", a.updateDate());
        return out;
    }

    private ObjectNode updateAlias(Call call) {
        ObjectNode out = Wire.object();
        Wire.time(out, "updateDate", engine.aliases().update(call.required("stateMachineAliasArn"),
                call.optional("description"), routes(call)));
        return out;
    }

    private ObjectNode deleteAlias(Call call) {
        engine.aliases().delete(call.required("stateMachineAliasArn"));
        return Wire.object();
    }

    private ObjectNode listAliases(Call call) {
        ObjectNode out = Wire.object();
        Pages.page(engine.pageTokens(), call, engine.aliases().list(call.required("stateMachineArn")), out, "stateMachineAliases",
                a -> arnAndCreationDate("stateMachineAliasArn", a.arn(), a.creationDate()));
        return out;
    }

    private ObjectNode validate(Call call) {
        String definition = call.required("definition");
        MachineType type = type(call.optional("type").orElse("STANDARD"));
        Diagnostic.Severity severity = call.optional("severity")
                .map(Diagnostic.Severity::valueOf).orElse(Diagnostic.Severity.ERROR);
        int maxResults = call.integer("maxResults").orElse(0);
        ValidationReport report = DefinitionParser.validate(definition, type, severity, maxResults);
        ObjectNode out = Wire.object();
        out.put("result", report.result().name());
        ArrayNode diagnostics = out.putArray("diagnostics");
        for (Diagnostic d : report.diagnostics()) {
            ObjectNode item = diagnostics.addObject();
            item.put("severity", d.severity().name());
            item.put("code", d.code());
            item.put("message", d.message());
            d.location().ifPresent(l -> item.put("location", l));
        }
        out.put("truncated", report.truncated());
        return out;
    }

    private ObjectNode describeForExecution(Call call) {
        String executionArn = call.required("executionArn");
        boolean metadataOnly = call.metadataOnly();
        ExecutionRecord e = engine.executions().describe(executionArn);
        StateMachineInfo m = engine.machines().describe(e.machineArn());
        ObjectNode out = Wire.object();
        out.put("stateMachineArn", e.versionArn().orElse(m.arn()));
        out.put("name", m.name());
        out.put("definition", metadataOnly ? NO_DEFINITION : e.definition());
        out.put("roleArn", e.roleArn());
        Wire.time(out, "updateDate", m.creationDate());
        settings(out, m);
        out.put("revisionId", m.revisionId());
        return out;
    }

    /** {@code {arnMember: arn, "creationDate": created}}: a listed version or alias, or a created alias. */
    private static ObjectNode arnAndCreationDate(String arnMember, String arn, Instant created) {
        ObjectNode out = Wire.object();
        out.put(arnMember, arn);
        Wire.time(out, "creationDate", created);
        return out;
    }

    private static void settings(ObjectNode out, StateMachineInfo m) {
        out.set("loggingConfiguration", m.loggingConfiguration().map(StateMachineOperations::json)
                .orElseGet(() -> Wire.object().put("level", "OFF").put("includeExecutionData", false)));
        out.set("tracingConfiguration", m.tracingConfiguration().map(StateMachineOperations::json)
                .orElseGet(() -> Wire.object().put("enabled", false)));
        Wire.defaultEncryption(out);
    }

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<List<AliasInfo.Route>> routes(Call call) {
        return call.node("routingConfiguration").map(present -> {
            List<AliasInfo.Route> routes = new ArrayList<>();
            call.list("routingConfiguration").forEach(r -> routes.add(new AliasInfo.Route(r.path("stateMachineVersionArn").asText(), r.path("weight").asInt())));
            return routes;
        });
    }


    private static MachineType type(String text) {
        return MachineType.valueOf(text);
    }

}
