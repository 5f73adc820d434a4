package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.Set;

/**
 * Checks the states that contain graphs: Parallel (Branches) and Map (ItemProcessor or the legacy
 * Iterator, ProcessorConfig, concurrency and tolerated-failure limits; the distributed-mode ItemReader,
 * ItemBatcher and ResultWriter through {@link DistributedMapChecker}). Inner graphs are handed back to the
 * {@link DefinitionChecker}. Not thread safe.
 */
final class CompositeChecker {
    private static final Set<String> BRANCH_FIELDS = Set.of("StartAt", "States", "Comment");
    private static final Set<String> PROCESSOR_FIELDS = Set.of("StartAt", "States", "Comment", "ProcessorConfig");

    private final Problems problems;
    private final DefinitionChecker definition;
    private final DistributedMapChecker distributed;

    CompositeChecker(Problems problems, DefinitionChecker definition) {
        this.problems = problems;
        this.definition = definition;
        this.distributed = new DistributedMapChecker(problems);
    }

    void checkParallel(JsonNode state, String location) {
        if (!problems.required(state, location, "Branches")) {
            return;
        }
        JsonNode branches = state.get("Branches");
        if (!branches.isArray()) {
            problems.schema(Problems.TYPE_ARRAY, location + "/Branches");
            return;
        }
        if (branches.isEmpty()) {
            problems.schema("Value cannot be empty", location + "/Branches");
            return;
        }
        for (int i = 0; i < branches.size(); i++) {
            graph(branches.get(i), BRANCH_FIELDS, location + "/Branches[" + i + "]");
        }
    }

    void checkMap(JsonNode state, QueryLanguage language, String location) {
        if (!state.has("ItemProcessor") && !state.has("Iterator")) {
            problems.schema("This object should have only one of the following fields: [ItemProcessor, Iterator]", location);
        } else if (problems.atMostOne(state, location, "ItemProcessor", "Iterator")) {
            String field = state.has("ItemProcessor") ? "ItemProcessor" : "Iterator";
            graph(state.get(field), PROCESSOR_FIELDS, location + "/" + field);
            checkProcessorConfig(state.get(field).path("ProcessorConfig"), location + "/" + field + "/ProcessorConfig");
        }
        problems.atMostOne(state, location, "ItemSelector", "Parameters");
        problems.atMostOne(state, location, "MaxConcurrency", "MaxConcurrencyPath");
        problems.atMostOne(state, location, "ToleratedFailureCount", "ToleratedFailureCountPath");
        problems.atMostOne(state, location, "ToleratedFailurePercentage", "ToleratedFailurePercentagePath");
        problems.integer(state, "MaxConcurrency", 0, Integer.MAX_VALUE, location);
        problems.integer(state, "ToleratedFailureCount", 0, Integer.MAX_VALUE, location);
        problems.decimal(state, "ToleratedFailurePercentage", 0.0, 100.0, location);
        if (state.has("Label") && problems.string(state, "Label", location) && state.get("Label").asText().length() > 40) {
            problems.schema("Maximum length is 40", location + "/Label");
        }
        if (language == QueryLanguage.JSONPATH) {
            checkMapPaths(state, location);
        }
        distributed.check(state, language, location);
    }

    private void checkMapPaths(JsonNode state, String location) {
        for (String field : new String[] {"MaxConcurrencyPath", "ToleratedFailureCountPath", "ToleratedFailurePercentagePath"}) {
            JsonNode value = state.get(field);
            if (value != null && value.isTextual()) {
                Paths.referencePathProblem(value.asText()).ifPresent(m -> problems.schema(m, location + "/" + field));
            }
        }
        JsonNode itemsPath = state.get("ItemsPath");
        if (itemsPath != null && !itemsPath.isNull()) {
            if (!itemsPath.isTextual()) {
                problems.schema(Problems.TYPE_STRING, location + "/ItemsPath");
            } else {
                Paths.referencePathProblem(itemsPath.asText()).ifPresent(m -> problems.schema(m, location + "/ItemsPath"));
            }
        }
    }

    private void checkProcessorConfig(JsonNode config, String at) {
        if (config.isMissingNode()) {
            return;
        }
        if (!config.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        JsonNode mode = config.get("Mode");
        if (mode != null && !Set.of("INLINE", "DISTRIBUTED").contains(mode.asText(""))) {
            problems.schema("Value should be one of the following: [INLINE, DISTRIBUTED]", at + "/Mode");
        }
        JsonNode executionType = config.get("ExecutionType");
        if (executionType != null && !Set.of("STANDARD", "EXPRESS").contains(executionType.asText(""))) {
            problems.schema("Value should be one of the following: [STANDARD, EXPRESS]", at + "/ExecutionType");
        }
    }

    private void graph(JsonNode graph, Set<String> allowed, String at) {
        if (!graph.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        for (String field : (Iterable<String>) graph::fieldNames) {
            if (!allowed.contains(field)) {
                problems.schema("Field '" + field + "' is not supported", at);
            }
        }
        if (problems.required(graph, at, "StartAt", "States")) {
            definition.checkGraph(graph, at);
        }
    }
}
