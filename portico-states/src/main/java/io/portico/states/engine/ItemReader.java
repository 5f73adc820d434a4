package io.portico.states.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * A distributed Map's ItemReader: the items come from the {@link ObjectStore} instead of the state
 * input. Two resources, as on AWS:
 *
 * <ul>
 *   <li>{@code arn:aws:states:::s3:getObject} with {@code Bucket} and {@code Key}: one object read as
 *       a JSON array, JSON Lines or delimited text ({@link ReaderConfig#inputType()});
 *   <li>{@code arn:aws:states:::s3:listObjectsV2} with {@code Bucket} and optional {@code Prefix}: one
 *       item per object ({@code Etag}, {@code Key}, {@code LastModified} in epoch seconds, {@code Size},
 *       {@code StorageClass}), or with {@code Transformation: LOAD_AND_FLATTEN} the items of every
 *       listed object, read by InputType.
 * </ul>
 *
 * <p>{@code Parameters} (JSONPath, against the Map's effective input) or {@code Arguments} (JSONata)
 * are evaluated as a Task's are. Everything that keeps the items from being read, from a missing object
 * to a malformed line, fails the Map with {@code States.ItemReaderFailed}; a path or JSONata error in
 * the arguments stays {@code States.Runtime} / {@code States.QueryEvaluationError} as elsewhere.
 * Stateless.
 */
final class ItemReader {
    static final String FAILED = "States.ItemReaderFailed";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** A file with more after its JSON value is malformed, not a value followed by noise. */
    private static final ObjectReader JSON = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private ItemReader() {
    }

    /** The Map's items, read as its ItemReader says. */
    static ArrayNode read(State.Map map, StateVisit visit, JsonNode effective, ObjectStore store) {
        JsonNode reader = map.itemReader().orElseThrow();
        String resource = reader.path("Resource").asText("");
        if (store == ObjectStore.NONE) {
            throw failed("ItemReader with Resource '" + resource + "' is not supported: Portico has no object store "
                    + "(Amazon S3) to read items from. Pass the items in the state input (ItemsPath or Items) instead.");
        }
        ReaderConfig config = ReaderConfig.of(reader.path("ReaderConfig"), visit, effective);
        JsonNode arguments = arguments(reader, visit, effective);
        String bucket = text(arguments, "Bucket", true).orElseThrow();
        ArrayNode items = NODES.arrayNode();
        switch (S3Resource.of(resource)) {
            case GET_OBJECT -> readObject(store, bucket, text(arguments, "Key", true).orElseThrow(), config, items);
            case LIST_OBJECTS -> listObjects(store, bucket, text(arguments, "Prefix", false).orElse(""), config, items);
            case OTHER -> throw failed("ItemReader Resource '" + resource + "' is not supported: Portico reads items with "
                    + S3Resource.GET_OBJECT.arn + " and " + S3Resource.LIST_OBJECTS.arn + ".");
        }
        return items;
    }

    static StatesError failed(String cause) {
        return new StatesError(FAILED, cause);
    }

    /** The two S3 actions an ItemReader may name, in any partition ({@code arn:aws:}, {@code arn:aws-cn:}, ...). */
    private enum S3Resource {
        GET_OBJECT("arn:aws:states:::s3:getObject"),
        LIST_OBJECTS("arn:aws:states:::s3:listObjectsV2"),
        OTHER("");

        final String arn;

        S3Resource(String arn) {
            this.arn = arn;
        }

        static S3Resource of(String resource) {
            String action = resource.matches("arn:[a-z-]+:states:::s3:\\w+") ? resource.substring(resource.lastIndexOf(':') + 1) : "";
            return switch (action) {
                case "getObject" -> GET_OBJECT;
                case "listObjectsV2" -> LIST_OBJECTS;
                default -> OTHER;
            };
        }
    }

    private static JsonNode arguments(JsonNode reader, StateVisit visit, JsonNode effective) {
        String field = StateIo.argumentsField(visit);
        JsonNode evaluated = StateIo.configArguments(visit, reader, effective).orElseThrow(() ->
                failed("The ItemReader needs " + field + " with the Bucket to read from."));
        if (!evaluated.isObject()) {
            throw failed("The ItemReader's " + field + " must be an object, not " + evaluated + ".");
        }
        return evaluated;
    }

    private static Optional<String> text(JsonNode arguments, String field, boolean required) {
        JsonNode value = arguments.get(field);
        if (value == null && !required) {
            return Optional.empty();
        }
        if (value == null || !value.isTextual()) {
            throw failed("The ItemReader's " + field + " must be a string, not " + (value == null ? "missing" : value)
                    + ", in " + arguments + ".");
        }
        return Optional.of(value.textValue());
    }

    private static void readObject(ObjectStore store, String bucket, String key, ReaderConfig config, ArrayNode items) {
        ReaderConfig.InputType type = config.inputType().orElseThrow(() -> failed(
                "ReaderConfig InputType is required to read items from an object with " + S3Resource.GET_OBJECT.arn + "."));
        byte[] content = get(store, bucket, key);
        switch (type) {
            case JSON -> jsonArray(content, config.maxItems(), items);
            case JSONL -> jsonLines(content, config.maxItems(), items);
            case CSV -> csv(content, config, items);
            default -> throw new IllegalStateException("ReaderConfig refuses " + type);
        }
    }

    private static void listObjects(ObjectStore store, String bucket, String prefix, ReaderConfig config, ArrayNode items) {
        List<StoredObject> objects = list(store, bucket, prefix);
        if (config.loadAndFlatten()) {
            for (StoredObject object : objects) {
                if (items.size() < config.maxItems()) {
                    readObject(store, bucket, object.key(), config, items);
                }
            }
            return;
        }
        for (int i = 0; i < objects.size() && i < config.maxItems(); i++) {
            StoredObject object = objects.get(i);
            ObjectNode item = items.addObject();
            item.put("Etag", object.eTag());
            item.put("Key", object.key());
            item.put("LastModified", object.lastModified().getEpochSecond());
            item.put("Size", object.size());
            item.put("StorageClass", object.storageClass());
        }
    }

    private static void jsonArray(byte[] content, int maxItems, ArrayNode items) {
        JsonNode parsed = parse(content, 0, content.length);
        if (!parsed.isArray()) {
            throw failed("Attempting to map over non-iterable node.");
        }
        for (int i = 0; i < parsed.size() && items.size() < maxItems; i++) {
            items.add(parsed.get(i));
        }
    }

    private static void jsonLines(byte[] content, int maxItems, ArrayNode items) {
        int start = 0;
        while (start < content.length && items.size() < maxItems) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            if (!new String(content, start, end - start, StandardCharsets.UTF_8).isBlank()) {
                items.add(parse(content, start, end - start));
            }
            start = end + 1;
        }
    }

    private static void csv(byte[] content, ReaderConfig config, ArrayNode items) {
        CsvRecords records = new CsvRecords(new String(content, StandardCharsets.UTF_8), config.delimiter());
        Optional<List<String>> firstRow = config.headers().isPresent() ? config.headers() : records.next();
        if (firstRow.isEmpty()) {
            return;
        }
        List<String> headers = ReaderConfig.checkHeaders(firstRow.get());
        for (Optional<List<String>> row = records.next(); row.isPresent() && items.size() < config.maxItems();
                row = records.next()) {
            // AWS: missing fields read as empty strings, fields beyond the header are dropped.
            ObjectNode item = items.addObject();
            for (int i = 0; i < headers.size(); i++) {
                item.put(headers.get(i), i < row.get().size() ? row.get().get(i) : "");
            }
        }
    }

    private static JsonNode parse(byte[] content, int offset, int length) {
        try {
            return JSON.readTree(content, offset, length);
        } catch (JsonProcessingException e) {
            throw failed(e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw failed(String.valueOf(e.getMessage()));
        }
    }

    private static byte[] get(ObjectStore store, String bucket, String key) {
        try {
            return store.get(bucket, key);
        } catch (ObjectStoreException e) {
            throw failed("Could not read the object '" + key + "' in bucket '" + bucket + "': " + e.getMessage()
                    + errorCode(e));
        }
    }

    private static List<StoredObject> list(ObjectStore store, String bucket, String prefix) {
        try {
            return store.list(bucket, prefix);
        } catch (ObjectStoreException e) {
            throw failed("Could not list the objects in bucket '" + bucket + "'" + (prefix.isEmpty() ? "" : " under prefix '"
                    + prefix + "'") + ": " + e.getMessage() + errorCode(e));
        }
    }

    /** S3's error code after the message, as AWS SDK errors print it. */
    static String errorCode(ObjectStoreException e) {
        return switch (e.reason()) {
            case NO_SUCH_BUCKET -> " (Service: S3, Status Code: 404, Error Code: NoSuchBucket)";
            case NO_SUCH_KEY -> " (Service: S3, Status Code: 404, Error Code: NoSuchKey)";
            default -> "";
        };
    }
}
