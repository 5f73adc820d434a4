package io.portico.states.asl.parse;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.states.asl.Definition;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and validates Amazon States Language definitions.
 *
 * <p>{@link #check} returns every problem at once as {@link Diagnostic}s; {@link #parse} builds the
 * {@link Definition} or throws {@link InvalidDefinitionException} carrying AWS's CreateStateMachine
 * message; {@link #validate} answers ValidateStateMachineDefinition (severity filter, maxResults,
 * truncation).
 *
 * <p>The JSON is read with Jackson configured to include the source in error locations, because Step
 * Functions is built on Jackson too and its INVALID_JSON_DESCRIPTION diagnostics quote Jackson's text
 * verbatim ({@code Unrecognized token 'not': ... at [Source: (String)"not a definition"; line: 1,
 * column: 4]}).
 *
 * <p>Thread safe: all methods are static and share only an immutable, thread-safe reader. Arguments
 * must not be null.
 */
public final class DefinitionParser {
    /** ValidateStateMachineDefinition's default and largest {@code maxResults}. */
    public static final int MAX_RESULTS = 100;
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '(.*?)':");

    private static final ObjectReader READER = Json.mapper().reader()
            .with(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .without(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private DefinitionParser() {
    }

    /** Parses a definition, throwing {@link InvalidDefinitionException} when it has ERROR diagnostics. */
    public static Definition parse(String definitionJson, MachineType type) {
        JsonNode root;
        try {
            root = READER.readTree(definitionJson);
        } catch (JsonProcessingException e) {
            throw new InvalidDefinitionException(List.of(jsonProblem(e)));
        }
        List<Diagnostic> errors = errorsOf(checkTree(root, type));
        if (!errors.isEmpty()) {
            throw new InvalidDefinitionException(errors);
        }
        return ModelBuilder.build((ObjectNode) root);
    }

    /** Every problem of a definition, errors and warnings, in AWS's order; empty when it is valid. */
    public static List<Diagnostic> check(String definitionJson, MachineType type) {
        try {
            return checkTree(READER.readTree(definitionJson), type);
        } catch (JsonProcessingException e) {
            return List.of(jsonProblem(e));
        }
    }

    /**
     * ValidateStateMachineDefinition: {@code severity} ERROR keeps only errors, WARNING keeps both;
     * {@code maxResults} of 0 means the default of 100.
     */
    public static ValidationReport validate(String definitionJson, MachineType type, Diagnostic.Severity severity,
                                            int maxResults) {
        List<Diagnostic> all = check(definitionJson, type);
        boolean failed = all.stream().anyMatch(Diagnostic::isError);
        List<Diagnostic> kept = new ArrayList<>();
        for (Diagnostic diagnostic : all) {
            if (severity == Diagnostic.Severity.WARNING || diagnostic.isError()) {
                kept.add(diagnostic);
            }
        }
        int limit = maxResults <= 0 ? MAX_RESULTS : Math.min(maxResults, MAX_RESULTS);
        boolean truncated = kept.size() > limit;
        return new ValidationReport(failed ? ValidationReport.Result.FAIL : ValidationReport.Result.OK,
                truncated ? kept.subList(0, limit) : kept, truncated);
    }

    private static List<Diagnostic> checkTree(JsonNode root, MachineType type) {
        Problems problems = new Problems();
        new DefinitionChecker(problems, type).check(root == null || root.isMissingNode() ? null : root);
        return problems.all();
    }

    private static List<Diagnostic> errorsOf(List<Diagnostic> diagnostics) {
        return diagnostics.stream().filter(Diagnostic::isError).toList();
    }

    /**
     * AWS's INVALID_JSON_DESCRIPTION: Jackson's message and location. AWS runs an older Jackson that puts
     * the location of an unrecognized token just after the token, where ours points at its start; the
     * column is moved to match.
     */
    private static Diagnostic jsonProblem(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        if (at == null) {
            return Diagnostic.error("INVALID_JSON_DESCRIPTION", e.getMessage(), null);
        }
        int column = at.getColumnNr();
        Matcher token = UNRECOGNIZED_TOKEN.matcher(e.getOriginalMessage());
        if (token.lookingAt()) {
            column += token.group(1).length();
        }
        String location = "[Source: " + at.sourceDescription() + "; line: " + at.getLineNr() + ", column: " + column + "]";
        return Diagnostic.error("INVALID_JSON_DESCRIPTION", e.getOriginalMessage() + "\n at " + location, location);
    }
}
