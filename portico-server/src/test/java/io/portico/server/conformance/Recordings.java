package io.portico.server.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.core.json.Json;
import io.portico.testing.SharedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AWS recordings whose validation messages Portico must reproduce: LocalStack's snapshot files in
 * {@code ../shared/conformance} (see its README) for the services Portico serves, Lambda's
 * {@code test_lambda_api}, every Step Functions API file and DynamoDB's {@code test_dynamodb}. An entry counts only when its test id is in
 * the file's {@code validation.json}: the others were never recorded against AWS.
 *
 * <p>Loaded once from the shared directory ({@link SharedDirectory#require}: a failure under CI, a skip
 * elsewhere when it is missing). Immutable after loading.
 */
final class Recordings {
    /** Text that marks a recorded message as a validation error: AWS's own wording for a constraint. */
    static final Pattern VALIDATION_TEXT = Pattern.compile("validation error|failed to satisfy constraint",
            Pattern.CASE_INSENSITIVE);

    private static final String LAMBDA_FILE = "conformance/lambda/localstack-snapshots/test_lambda_api.snapshot.json";
    private static final String STATES_DIR = "conformance/stepfunctions-api/localstack-snapshots";
    private static final String DYNAMODB_FILE = "conformance/dynamodb/localstack-snapshots/test_dynamodb.snapshot.json";
    private static final String SNAPSHOT = ".snapshot.json";
    private static final String TEST_ID_PREFIX = ".py::";

    private final Map<String, Snapshot> snapshots;

    private Recordings(Map<String, Snapshot> snapshots) {
        this.snapshots = snapshots;
    }

    /** One snapshot file: its AWS-validated entries, keyed by test id without the test file's path. */
    record Snapshot(String name, Path file, Map<String, JsonNode> entries) {
    }

    /** The recordings in scope, read from the shared directory. */
    static Recordings load() {
        SharedDirectory shared = SharedDirectory.current();
        Map<String, Snapshot> snapshots = new LinkedHashMap<>();
        add(snapshots, shared.require(LAMBDA_FILE));
        add(snapshots, shared.require(DYNAMODB_FILE));
        try (Stream<Path> files = Files.list(shared.require(STATES_DIR))) {
            files.filter(f -> f.getFileName().toString().endsWith(SNAPSHOT)).sorted()
                    .forEach(f -> add(snapshots, f));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Recordings(snapshots);
    }

    private static void add(Map<String, Snapshot> snapshots, Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.substring(0, fileName.length() - SNAPSHOT.length());
        Set<String> validated = new HashSet<>();
        read(file.resolveSibling(name + ".validation.json")).fieldNames().forEachRemaining(validated::add);
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        read(file).properties().stream().filter(e -> validated.contains(e.getKey()))
                .forEach(e -> entries.put(shortId(e.getKey()), e.getValue().path("recorded-content")));
        snapshots.put(name, new Snapshot(name, file, entries));
    }

    private static JsonNode read(Path file) {
        try {
            return Json.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@code tests/aws/.../test_lambda_api.py::TestLambdaAlias::test_x} becomes {@code TestLambdaAlias::test_x}. */
    private static String shortId(String testId) {
        int at = testId.indexOf(TEST_ID_PREFIX);
        return at < 0 ? testId : testId.substring(at + TEST_ID_PREFIX.length());
    }

    /**
     * Every recorded response that carries a validation message: each key of an AWS-validated entry
     * whose recorded response holds, anywhere inside, text matching {@link #VALIDATION_TEXT}.
     */
    List<RecordedError.Where> validationErrors() {
        List<RecordedError.Where> found = new ArrayList<>();
        snapshots.values().forEach(s -> s.entries().forEach((testId, content) -> content.properties()
                .forEach(e -> {
                    if (containsValidationText(e.getValue())) {
                        found.add(new RecordedError.Where(s.name(), testId, e.getKey()));
                    }
                })));
        return found;
    }

    private static boolean containsValidationText(JsonNode node) {
        if (node.isTextual()) {
            return VALIDATION_TEXT.matcher(node.asText()).find();
        }
        for (JsonNode child : node) {
            if (containsValidationText(child)) {
                return true;
            }
        }
        return false;
    }

    /** The error recorded at {@code where}; empty when there is none, or it is in a form this reader does not know. */
    Optional<RecordedError> error(RecordedError.Where where) {
        return Optional.ofNullable(snapshots.get(where.snapshot()))
                .map(s -> s.entries().get(where.testId()))
                .map(content -> content.get(where.key()))
                .flatMap(response -> RecordedError.parse(where, response));
    }

    /** The snapshot file a location reads from, for messages. */
    Path file(RecordedError.Where where) {
        return snapshots.get(where.snapshot()).file();
    }
}
