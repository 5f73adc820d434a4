package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * An ItemReader's {@code ReaderConfig}, with MaxItems evaluated for one Map visit.
 *
 * @param inputType how to read an object's content; empty when the reader lists objects only
 * @param headers the CSV column names when {@code CSVHeaderLocation} is {@code GIVEN}; empty for
 *     {@code FIRST_ROW}
 * @param delimiter the CSV field separator ({@code CSVDelimiter}, default comma)
 * @param maxItems how many items to read at most ({@code MaxItems}/{@code MaxItemsPath}; 0 in the
 *     definition and absent both mean AWS's ceiling of 100,000,000)
 * @param loadAndFlatten {@code Transformation: LOAD_AND_FLATTEN}: a listObjectsV2 reader reads the
 *     listed objects' items instead of describing the objects
 */
record ReaderConfig(Optional<InputType> inputType, Optional<List<String>> headers, char delimiter, int maxItems,
                    boolean loadAndFlatten) {
    /** AWS reads at most this many items, whatever MaxItems says. */
    static final int MAX_ITEMS_CEILING = 100_000_000;
    /** AWS's limit on the size of a CSV header row. */
    static final int MAX_HEADER_BYTES = 10 * 1024;

    /** The formats of {@code ReaderConfig.InputType}; Portico reads the first three. */
    enum InputType { JSON, JSONL, CSV, MANIFEST, PARQUET }

    /**
     * Reads {@code config} (the {@code ReaderConfig} object, or a missing node). Problems AWS reports
     * when the Map runs come out as {@code States.ItemReaderFailed}.
     */
    static ReaderConfig of(JsonNode config, StateVisit visit, JsonNode effective) {
        Optional<InputType> inputType = inputType(config.path("InputType"));
        for (String unsupported : new String[] {"ItemsPointer", "ManifestType"}) {
            if (config.has(unsupported)) {
                throw ItemReader.failed("ReaderConfig field '" + unsupported + "' is not supported by Portico.");
            }
        }
        boolean csv = inputType.equals(Optional.of(InputType.CSV));
        Optional<List<String>> headers = csv ? headers(config) : Optional.empty();
        char delimiter = csv ? delimiter(config.path("CSVDelimiter")) : ',';
        String transformation = config.path("Transformation").asText("NONE");
        if (!transformation.equals("NONE") && !transformation.equals("LOAD_AND_FLATTEN")) {
            throw ItemReader.failed("ReaderConfig Transformation '" + transformation
                    + "' is not valid: expected NONE or LOAD_AND_FLATTEN.");
        }
        return new ReaderConfig(inputType, headers, delimiter, maxItems(config, visit, effective),
                transformation.equals("LOAD_AND_FLATTEN"));
    }

    private static Optional<InputType> inputType(JsonNode value) {
        if (value.isMissingNode()) {
            return Optional.empty();
        }
        InputType type;
        try {
            type = InputType.valueOf(value.asText());
        } catch (IllegalArgumentException e) {
            throw ItemReader.failed("ReaderConfig InputType " + value + " is not valid: expected one of "
                    + List.of(InputType.values()) + ".");
        }
        if (type == InputType.MANIFEST || type == InputType.PARQUET) {
            throw ItemReader.failed("ReaderConfig InputType '" + type + "' is not supported by Portico: "
                    + "it reads JSON, JSONL and CSV objects.");
        }
        return Optional.of(type);
    }

    private static Optional<List<String>> headers(JsonNode config) {
        String location = config.path("CSVHeaderLocation").asText("");
        if (location.equals("FIRST_ROW")) {
            return Optional.empty();
        }
        if (!location.equals("GIVEN")) {
            throw ItemReader.failed("ReaderConfig CSVHeaderLocation must be FIRST_ROW or GIVEN when InputType is CSV"
                    + (location.isEmpty() ? "." : ", not '" + location + "'."));
        }
        JsonNode given = config.path("CSVHeaders");
        if (!given.isArray() || given.isEmpty()) {
            throw ItemReader.failed("ReaderConfig CSVHeaders must be a non-empty array of strings when "
                    + "CSVHeaderLocation is GIVEN.");
        }
        List<String> headers = new ArrayList<>();
        given.forEach(h -> headers.add(h.asText()));
        return Optional.of(checkHeaders(headers));
    }

    /** The checks AWS applies to header names, whether given or read from the first row. */
    static List<String> checkHeaders(List<String> headers) {
        if (new HashSet<>(headers).size() < headers.size()) {
            throw ItemReader.failed("CSV headers cannot contain duplicates.");
        }
        int bytes = headers.stream().mapToInt(h -> h.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1).sum();
        if (bytes > MAX_HEADER_BYTES) {
            throw ItemReader.failed("CSV headers are larger than the 10 KiB Step Functions supports.");
        }
        return List.copyOf(headers);
    }

    private static char delimiter(JsonNode value) {
        return switch (value.asText("COMMA")) {
            case "COMMA" -> ',';
            case "PIPE" -> '|';
            case "SEMICOLON" -> ';';
            case "SPACE" -> ' ';
            case "TAB" -> '\t';
            default -> throw ItemReader.failed("ReaderConfig CSVDelimiter " + value
                    + " is not valid: expected one of [COMMA, PIPE, SEMICOLON, SPACE, TAB].");
        };
    }

    private static int maxItems(JsonNode config, StateVisit visit, JsonNode effective) {
        JsonNode value = config.get("MaxItems");
        String source = null;
        if (value != null && value.isTextual() && visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            value = StateIo.jsonata(visit, value, "MaxItems", Optional.empty(), Optional.empty());
        }
        JsonNode path = config.get("MaxItemsPath");
        if (value == null && path != null && path.isTextual()) {
            value = StateIo.pathValue(visit, effective, path.textValue(), "MaxItemsPath");
            source = path.textValue();
        }
        if (value == null) {
            return MAX_ITEMS_CEILING;
        }
        // AWS's causes for a MaxItemsPath that does not give a usable number.
        if (!value.canConvertToExactIntegral()) {
            throw ItemReader.failed(source == null ? "The MaxItems field must be an integer, not " + value + "."
                    : "The MaxItemsPath field refers to value '" + value.asText(value.toString())
                    + "' which is not a valid integer: " + source);
        }
        if (value.asLong() < 0) {
            throw ItemReader.failed("field MaxItems must be positive");
        }
        long max = value.asLong();
        return max == 0 || max > MAX_ITEMS_CEILING ? MAX_ITEMS_CEILING : (int) max;
    }
}
