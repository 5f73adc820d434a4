package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One element of a state's Catch field. {@code resultPath} follows the {@link DataFlow} encoding
 * (default {@code "$"}, empty for JSON null); {@code output} and {@code assign} are JSONata-mode and
 * both-mode templates respectively.
 */
public record Catcher(
        List<String> errorEquals,
        String next,
        Optional<String> resultPath,
        Optional<JsonNode> output,
        Optional<JsonNode> assign) {
}
