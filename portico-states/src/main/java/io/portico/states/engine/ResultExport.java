package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Writes a Map Run's results in AWS's layout under {@code s3://<Bucket>/<Prefix>/<map run id>/}:
 * {@code SUCCEEDED_0.json}, {@code FAILED_0.json} and {@code PENDING_0.json} (each only when it has
 * entries, as AWS creates files "depending on your execution output"), then {@code manifest.json}:
 *
 * <pre>{@code
 * {"DestinationBucket": "...", "MapRunArn": "...",
 *  "ResultFiles": {"FAILED": [], "PENDING": [], "SUCCEEDED": [{"Key": ".../SUCCEEDED_0.json", "Size": 1709}]}}
 * }</pre>
 *
 * <p>The map run id is the UUID that ends the Map Run ARN. A Prefix that does not end in {@code /} gets
 * one. Files hold a JSON array, or one value per line with {@code OutputType: JSONL}; AWS splits files at
 * 5 GB, Portico never does. The manifest goes last, so a reader that finds it finds every file it
 * names. Write failures are {@code States.ResultWriterFailed}. Not thread safe; one per export.
 */
final class ResultExport {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final ObjectStore store;
    private final ResultWriter.Destination destination;
    private final ResultWriter.OutputType outputType;

    ResultExport(ObjectStore store, ResultWriter.Destination destination, ResultWriter.OutputType outputType) {
        this.store = store;
        this.destination = destination;
        this.outputType = outputType;
    }

    /** Writes the files and returns the Map's output, AWS's pointer to the manifest. */
    ObjectNode write(String mapRunArn, ArrayNode succeeded, ArrayNode failed, ArrayNode pending) {
        String prefix = destination.prefix();
        String folder = (prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/")
                + mapRunArn.substring(mapRunArn.lastIndexOf(':') + 1) + "/";
        ObjectNode manifest = NODES.objectNode();
        manifest.put("DestinationBucket", destination.bucket());
        manifest.put("MapRunArn", mapRunArn);
        ObjectNode files = manifest.putObject("ResultFiles");
        files.set("FAILED", file(folder, "FAILED", failed));
        files.set("PENDING", file(folder, "PENDING", pending));
        files.set("SUCCEEDED", file(folder, "SUCCEEDED", succeeded));
        String manifestKey = folder + "manifest.json";
        put(manifestKey, manifest.toString().getBytes(StandardCharsets.UTF_8));

        ObjectNode output = NODES.objectNode();
        output.put("MapRunArn", mapRunArn);
        output.putObject("ResultWriterDetails").put("Bucket", destination.bucket()).put("Key", manifestKey);
        return output;
    }

    /** Writes one status's file if it has entries; returns the manifest's list of files for that status. */
    private ArrayNode file(String folder, String status, ArrayNode entries) {
        ArrayNode listed = NODES.arrayNode();
        if (entries.isEmpty()) {
            return listed;
        }
        String key = folder + status + "_0.json";
        byte[] body = serialise(entries);
        put(key, body);
        listed.addObject().put("Key", key).put("Size", body.length);
        return listed;
    }

    private byte[] serialise(ArrayNode entries) {
        if (outputType == ResultWriter.OutputType.JSON) {
            return entries.toString().getBytes(StandardCharsets.UTF_8);
        }
        StringBuilder lines = new StringBuilder();
        for (JsonNode entry : entries) {
            lines.append(entry).append('\n');
        }
        return lines.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void put(String key, byte[] body) {
        try {
            store.put(destination.bucket(), key, body);
        } catch (ObjectStoreException e) {
            throw ResultWriter.failed("Could not write the object '" + key + "' in bucket '" + destination.bucket()
                    + "': " + e.getMessage() + ItemReader.errorCode(e));
        }
    }
}
