package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * A Choice state's rule. Top-level rules (the elements of Choices) carry a {@link Branch} with Next
 * and the optional Assign/Output; nested rules (inside And/Or/Not) carry none.
 */
public sealed interface ChoiceRule {

    /** What a top-level rule does when it matches. */
    record Branch(String next, Optional<JsonNode> assign, Optional<JsonNode> output) {
    }

    /**
     * A data-test expression: {@code variable} is the JSONPath of Variable, {@code operator} one of the
     * comparison operators, {@code operand} the literal value (or, for a {@code ...Path} operator, a
     * text node holding the path).
     */
    record Comparison(String variable, ComparisonOperator operator, JsonNode operand) implements ChoiceRule {
    }

    record And(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Or(List<ChoiceRule> rules) implements ChoiceRule {
    }

    record Not(ChoiceRule rule) implements ChoiceRule {
    }

    /** A JSONata-mode Condition: a {@code {% %}} string (or a literal boolean written as text). */
    record Condition(JsonNode expression) implements ChoiceRule {
    }

    /** A top-level choice: its rule and where it leads. */
    record Choice(ChoiceRule rule, Branch branch) {
    }
}
