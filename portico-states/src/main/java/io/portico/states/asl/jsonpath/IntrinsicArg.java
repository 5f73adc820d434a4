package io.portico.states.asl.jsonpath;

import com.fasterxml.jackson.databind.JsonNode;

/** One argument of an {@link IntrinsicCall}: a literal, a string, a path or a nested call. Immutable. */
public sealed interface IntrinsicArg permits IntrinsicArg.Literal, IntrinsicArg.Text, IntrinsicArg.Path, IntrinsicCall {

    /** A number, boolean or null literal. */
    record Literal(JsonNode value) implements IntrinsicArg {
    }

    /**
     * A quoted string literal. {@code value} has every escape resolved; {@code raw} is the text between
     * the quotes as written, which {@code States.Format} needs to tell {@code \{} from a placeholder.
     */
    record Text(String value, String raw) implements IntrinsicArg {
    }

    /** A reference: {@code $.x} (input), {@code $$.x} (context object) or {@code $name} (variable). */
    record Path(String path) implements IntrinsicArg {
    }
}
