package io.portico.states.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.portico.testing.SharedDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the AWS-recorded ASL corpus in {@code shared/conformance/asl/cases} (see its README):
 * where it lives, its kind, definition text, input and expectation.
 */
public record CorpusCase(String id, JsonNode raw) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The corpus directory in the shared directory beside the repository; a test that calls this is
     * skipped without it (failed under {@code CI=true}), see {@link SharedDirectory}.
     */
    public static Path root() {
        return SharedDirectory.current().require("conformance/asl/cases");
    }

    public static List<CorpusCase> all() {
        Path root = root();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().map(p -> load(root, p)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CorpusCase load(Path root, Path file) {
        try {
            String id = root.relativize(file).toString().replace('\\', '/').replaceAll("\\.json$", "");
            return new CorpusCase(id, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String kind() {
        return raw.path("kind").asText("execution");
    }

    public boolean needsFunctions() {
        return raw.has("functions") && raw.get("functions").size() > 0;
    }

    public String definitionText() {
        return raw.has("definition") ? raw.get("definition").toString() : raw.path("definitionString").asText();
    }

    /** The input string as sent, or null when the case sends none. */
    public String input() {
        JsonNode input = raw.get("input");
        return input == null || input.isNull() ? null : input.asText();
    }

    public String type() {
        return raw.path("type").asText("STANDARD");
    }

    public JsonNode expected() {
        return raw.get("expected");
    }
}
