package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.List;

/**
 * Checks the distributed-mode fields of a Map: ItemReader (with its ReaderConfig), ItemBatcher and
 * ResultWriter (with its WriterConfig). Only what is certainly wrong is reported: literal enumeration
 * values outside the lists AWS documents, wrong JSON types, MaxItems out of range, both MaxItems and
 * MaxItemsPath, and a ResultWriter with neither Resource nor WriterConfig ("The ResultWriter field
 * cannot be empty"). What depends on the data (a missing object, a bad CSV header) fails the execution
 * instead. Not thread safe.
 */
final class DistributedMapChecker {
    private static final List<String> INPUT_TYPES = List.of("CSV", "JSON", "JSONL", "MANIFEST", "PARQUET");
    private static final List<String> HEADER_LOCATIONS = List.of("FIRST_ROW", "GIVEN");
    private static final List<String> DELIMITERS = List.of("COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB");
    private static final List<String> READER_TRANSFORMATIONS = List.of("NONE", "LOAD_AND_FLATTEN");
    private static final List<String> WRITER_TRANSFORMATIONS = List.of("NONE", "COMPACT", "FLATTEN");
    private static final List<String> OUTPUT_TYPES = List.of("JSON", "JSONL");
    /** AWS reads at most this many items. */
    private static final long MAX_ITEMS = 100_000_000L;

    private final Problems problems;

    DistributedMapChecker(Problems problems) {
        this.problems = problems;
    }

    void check(JsonNode state, QueryLanguage language, String location) {
        if (objectWith(state, "ItemReader", location) && problems.required(state.get("ItemReader"), location + "/ItemReader",
                "Resource")) {
            checkReaderConfig(state.get("ItemReader").get("ReaderConfig"), language, location + "/ItemReader/ReaderConfig");
        }
        objectWith(state, "ItemBatcher", location);
        if (objectWith(state, "ResultWriter", location)) {
            checkResultWriter(state.get("ResultWriter"), location + "/ResultWriter");
        }
    }

    private void checkReaderConfig(JsonNode config, QueryLanguage language, String at) {
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at);
            return;
        }
        oneOf(config, "InputType", INPUT_TYPES, at);
        oneOf(config, "CSVHeaderLocation", HEADER_LOCATIONS, at);
        oneOf(config, "CSVDelimiter", DELIMITERS, at);
        oneOf(config, "Transformation", READER_TRANSFORMATIONS, at);
        JsonNode headers = config.get("CSVHeaders");
        if (headers != null && (!headers.isArray() || !allStrings(headers))) {
            problems.schema("Expected value of type [ARRAY] of [STRING]", at + "/CSVHeaders");
        }
        problems.atMostOne(config, at, "MaxItems", "MaxItemsPath");
        problems.integer(config, "MaxItems", 0, MAX_ITEMS, at);
        JsonNode path = config.get("MaxItemsPath");
        if (path != null && language == QueryLanguage.JSONPATH && problems.string(config, "MaxItemsPath", at)) {
            Paths.referencePathProblem(path.asText()).ifPresent(m -> problems.schema(m, at + "/MaxItemsPath"));
        }
    }

    private void checkResultWriter(JsonNode writer, String at) {
        if (!writer.has("Resource") && !writer.has("WriterConfig")) {
            problems.schema("This object should have at least one of the following fields: [Resource, WriterConfig]", at);
        }
        JsonNode config = writer.get("WriterConfig");
        if (config == null) {
            return;
        }
        if (!config.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, at + "/WriterConfig");
            return;
        }
        oneOf(config, "Transformation", WRITER_TRANSFORMATIONS, at + "/WriterConfig");
        oneOf(config, "OutputType", OUTPUT_TYPES, at + "/WriterConfig");
    }

    /** Reports a present field that is not an object; true when present and an object. */
    private boolean objectWith(JsonNode state, String field, String location) {
        JsonNode value = state.get(field);
        if (value == null) {
            return false;
        }
        if (!value.isObject()) {
            problems.schema(Problems.TYPE_OBJECT, location + "/" + field);
            return false;
        }
        return true;
    }

    private void oneOf(JsonNode object, String field, List<String> allowed, String at) {
        if (problems.string(object, field, at) && !allowed.contains(object.get(field).asText())) {
            problems.schema("Value should be one of the following: " + allowed, at + "/" + field);
        }
    }

    private static boolean allStrings(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }
}
