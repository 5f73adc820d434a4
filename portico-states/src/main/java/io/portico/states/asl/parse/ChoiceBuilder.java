package io.portico.states.asl.parse;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.ComparisonOperator;
import io.portico.states.asl.QueryLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds the {@link ChoiceRule} trees of a checked Choice state. Stateless. */
final class ChoiceBuilder {
    private ChoiceBuilder() {
    }

    static List<ChoiceRule.Choice> choices(JsonNode choices, QueryLanguage language) {
        List<ChoiceRule.Choice> built = new ArrayList<>();
        for (JsonNode rule : choices) {
            ChoiceRule.Branch branch = new ChoiceRule.Branch(rule.get("Next").asText(),
                    ModelBuilder.json(rule, "Assign"), ModelBuilder.json(rule, "Output"));
            built.add(new ChoiceRule.Choice(rule(rule, language), branch));
        }
        return List.copyOf(built);
    }

    private static ChoiceRule rule(JsonNode rule, QueryLanguage language) {
        if (language == QueryLanguage.JSONATA || rule.has("Condition")) {
            return new ChoiceRule.Condition(rule.get("Condition"));
        }
        if (rule.has("And")) {
            return new ChoiceRule.And(list(rule.get("And"), language));
        }
        if (rule.has("Or")) {
            return new ChoiceRule.Or(list(rule.get("Or"), language));
        }
        if (rule.has("Not")) {
            return new ChoiceRule.Not(rule(rule.get("Not"), language));
        }
        for (Map.Entry<String, JsonNode> field : rule.properties()) {
            var operator = ComparisonOperator.byName(field.getKey());
            if (operator.isPresent()) {
                return new ChoiceRule.Comparison(rule.get("Variable").asText(), operator.get(), field.getValue());
            }
        }
        throw new IllegalStateException("unchecked Choice rule: " + rule);
    }

    private static List<ChoiceRule> list(JsonNode rules, QueryLanguage language) {
        List<ChoiceRule> built = new ArrayList<>();
        rules.forEach(rule -> built.add(rule(rule, language)));
        return List.copyOf(built);
    }
}
