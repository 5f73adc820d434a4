package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.util.List;
import java.util.Optional;

/**
 * A distributed Map's ResultWriter: how the children's results become the Map's output, and whether
 * they are exported to the object store.
 *
 * <p>{@code WriterConfig.Transformation} shapes each succeeded child's contribution: {@code NONE} its
 * whole execution result ({@link ChildOutcome#entry()}), {@code COMPACT} its output, {@code FLATTEN}
 * its output with an array output spread into the list. Children that did not succeed always
 * contribute their execution result, as AWS documents. The default is {@code COMPACT}, or {@code NONE}
 * when exporting without a WriterConfig, as on AWS.
 *
 * <p>With {@code Resource: arn:aws:states:::s3:putObject} and {@code Bucket}/{@code Prefix} in
 * Parameters (JSONPath) or Arguments (JSONata), the results are written by {@link ResultExport} and the
 * Map's output is AWS's {@code {"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}}. Without a
 * Resource, the transformed array is the output. Problems are {@code States.ResultWriterFailed}.
 *
 * <p>Immutable; one per Map visit, built when the Map starts so that bad arguments fail it early.
 */
final class ResultWriter {
    static final String FAILED = "States.ResultWriterFailed";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    enum Transformation { NONE, COMPACT, FLATTEN }

    enum OutputType { JSON, JSONL }

    /** Where results go: {@code s3://bucket/prefix}. */
    record Destination(String bucket, String prefix) {
    }

    private final Optional<Destination> destination;
    private final Transformation transformation;
    private final OutputType outputType;
    private final ObjectStore store;

    private ResultWriter(Optional<Destination> destination, Transformation transformation, OutputType outputType,
                         ObjectStore store) {
        this.destination = destination;
        this.transformation = transformation;
        this.outputType = outputType;
        this.store = store;
    }

    /**
     * The Map's ResultWriter, its arguments evaluated. Without an object store ({@link ObjectStore#NONE})
     * an export is skipped, as before object stores existed; WriterConfig still applies.
     */
    static ResultWriter of(State.Map map, StateVisit visit, JsonNode effective, ObjectStore store) {
        if (map.resultWriter().isEmpty()) {
            return new ResultWriter(Optional.empty(), Transformation.COMPACT, OutputType.JSON, store);
        }
        JsonNode writer = map.resultWriter().get();
        boolean exports = writer.has("Resource") && store != ObjectStore.NONE;
        JsonNode config = writer.path("WriterConfig");
        Transformation transformation = option(Transformation.class, "Transformation", config.path("Transformation"),
                exports && !writer.has("WriterConfig") ? Transformation.NONE : Transformation.COMPACT);
        OutputType outputType = option(OutputType.class, "OutputType", config.path("OutputType"), OutputType.JSON);
        Optional<Destination> destination = exports ? Optional.of(destination(writer, visit, effective)) : Optional.empty();
        return new ResultWriter(destination, transformation, outputType, store);
    }

    static StatesError failed(String cause) {
        return new StatesError(FAILED, cause);
    }

    boolean exports() {
        return destination.isPresent();
    }

    /**
     * The Map's result once every child has ended: the transformed outputs in item order, or, when
     * exporting, the location of the manifest after the result files are written.
     */
    JsonNode finish(String mapRunArn, List<ChildOutcome> outcomes) {
        if (destination.isEmpty()) {
            return transform(outcomes);
        }
        return export(mapRunArn, outcomes, List.of());
    }

    /**
     * Writes the results of a Map Run that failed (children that never started go to the PENDING
     * file). Nothing is returned: the Map fails with its own error.
     */
    void exportFailed(String mapRunArn, List<ChildOutcome> ended, List<JsonNode> pendingInputs) {
        if (destination.isPresent()) {
            export(mapRunArn, ended, pendingInputs);
        }
    }

    private JsonNode export(String mapRunArn, List<ChildOutcome> outcomes, List<JsonNode> pendingInputs) {
        List<ChildOutcome> succeeded = outcomes.stream().filter(ChildOutcome::succeeded).toList();
        ArrayNode failed = NODES.arrayNode();
        outcomes.stream().filter(o -> !o.succeeded()).forEach(o -> failed.add(o.entry()));
        ArrayNode pending = NODES.arrayNode();
        for (JsonNode input : pendingInputs) {
            // AWS does not document a pending entry; Portico writes what it knows of a child never started.
            ObjectNode entry = pending.addObject().put("Input", input.toString());
            entry.putObject("InputDetails").put("Included", true);
            entry.put("Status", "PENDING");
        }
        return new ResultExport(store, destination.orElseThrow(), outputType)
                .write(mapRunArn, transform(succeeded), failed, pending);
    }

    private ArrayNode transform(List<ChildOutcome> outcomes) {
        ArrayNode results = NODES.arrayNode(outcomes.size());
        for (ChildOutcome outcome : outcomes) {
            if (!outcome.succeeded() || transformation == Transformation.NONE) {
                results.add(outcome.entry());
            } else if (transformation == Transformation.FLATTEN && outcome.output().isArray()) {
                results.addAll((ArrayNode) outcome.output());
            } else {
                results.add(outcome.output());
            }
        }
        return results;
    }

    private static Destination destination(JsonNode writer, StateVisit visit, JsonNode effective) {
        String resource = writer.path("Resource").asText("");
        if (!resource.matches("arn:[a-z-]+:states:::s3:putObject")) {
            throw failed("ResultWriter Resource '" + resource + "' is not supported: Portico writes results with "
                    + "arn:aws:states:::s3:putObject.");
        }
        String field = StateIo.argumentsField(visit);
        JsonNode arguments = StateIo.configArguments(visit, writer, effective).orElseThrow(() ->
                failed("The ResultWriter needs " + field + " with the Bucket to write to."));
        JsonNode bucket = arguments.path("Bucket");
        JsonNode prefix = arguments.path("Prefix");
        if (!bucket.isTextual() || !(prefix.isMissingNode() || prefix.isTextual())) {
            throw failed("The ResultWriter's " + field + " need a string Bucket and an optional string Prefix, not "
                    + arguments + ".");
        }
        return new Destination(bucket.textValue(), prefix.asText(""));
    }

    private static <E extends Enum<E>> E option(Class<E> type, String field, JsonNode value, E fallback) {
        if (value.isMissingNode()) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.asText());
        } catch (IllegalArgumentException e) {
            throw failed("WriterConfig " + field + " " + value + " is not valid: expected one of "
                    + List.of(type.getEnumConstants()) + ".");
        }
    }
}
