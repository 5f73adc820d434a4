package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * The input and output processing fields of a state. Which ones a state may carry depends on its type
 * and query language (the validator enforces that); absent ones are empty here.
 *
 * <p>Path fields use a three-way encoding: a field that was absent holds its default {@code "$"}; a
 * field explicitly set to JSON {@code null} is {@link Optional#empty()} (InputPath null means the
 * state sees {@code {}}, ResultPath null discards the result, OutputPath null outputs {@code {}}).
 *
 * <p>Templates ({@code parameters}, {@code resultSelector}, {@code arguments}, {@code output},
 * {@code assign}) are the JSON as written; they are evaluated at run time.
 */
public record DataFlow(
        Optional<String> inputPath,
        Optional<JsonNode> parameters,
        Optional<JsonNode> resultSelector,
        Optional<String> resultPath,
        Optional<String> outputPath,
        Optional<JsonNode> arguments,
        Optional<JsonNode> output,
        Optional<JsonNode> assign) {

    public static final Optional<String> DEFAULT_PATH = Optional.of("$");

    /** No processing at all: paths at their defaults, no templates. */
    public static DataFlow identity() {
        return new DataFlow(DEFAULT_PATH, Optional.empty(), Optional.empty(), DEFAULT_PATH, DEFAULT_PATH,
                Optional.empty(), Optional.empty(), Optional.empty());
    }
}
