package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.ChoiceRule;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.Transition;
import java.util.Optional;

/** The states that only move data: Pass, Choice, Succeed and Fail. Stateless. */
final class SimpleStates {
    private static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";

    private SimpleStates() {
    }

    static Interpreter.Step pass(State.Pass pass, StateVisit visit) {
        JsonNode effective = StateIo.effectiveInput(visit);
        JsonNode result = pass.result().isPresent() && pass.queryLanguage() == QueryLanguage.JSONPATH
                ? pass.result().get()
                : effective;
        return step(pass.transition(), StateIo.output(visit, result, Optional.empty(), Optional.empty()));
    }

    static Interpreter.Step succeed(StateVisit visit) {
        JsonNode effective = StateIo.effectiveInput(visit);
        return new Interpreter.Step(Optional.empty(), StateIo.output(visit, effective, Optional.empty(), Optional.empty()));
    }

    static Interpreter.Step choice(State.Choice choice, StateVisit visit) {
        JsonNode effective = StateIo.effectiveInput(visit);
        for (ChoiceRule.Choice candidate : choice.choices()) {
            if (matches(candidate.rule(), visit, effective)) {
                ChoiceRule.Branch branch = candidate.branch();
                JsonNode out = StateIo.output(visit, effective, branch.assign(), branch.output());
                return new Interpreter.Step(Optional.of(branch.next()), out);
            }
        }
        if (choice.defaultNext().isPresent()) {
            JsonNode out = StateIo.output(visit, effective, Optional.empty(), Optional.empty());
            return new Interpreter.Step(choice.defaultNext(), out);
        }
        throw new StatesError(NO_CHOICE_MATCHED, "No Matches!");
    }

    private static boolean matches(ChoiceRule rule, StateVisit visit, JsonNode input) {
        if (rule instanceof ChoiceRule.Condition condition) {
            return StateIo.jsonataGuard(visit, () -> DataLanguage.jsonataEvaluator()
                    .condition(condition.expression(), StateIo.jsonataScope(visit), "Condition"));
        }
        return StateIo.guard(visit, () -> DataLanguage.choiceMatches(rule, StateIo.jsonPathContext(visit, input)));
    }

    static Interpreter.Step fail(State.Fail fail, StateVisit visit) {
        String error;
        String cause;
        if (fail.queryLanguage() == QueryLanguage.JSONATA) {
            error = jsonataText(visit, fail.error(), "Error");
            cause = jsonataText(visit, fail.cause(), "Cause");
        } else {
            error = fail.errorPath().map(p -> text(StateIo.pathValue(visit, visit.input(), p, "ErrorPath"))).orElse(fail.error().orElse(null));
            cause = fail.causePath().map(p -> text(StateIo.pathValue(visit, visit.input(), p, "CausePath"))).orElse(fail.cause().orElse(null));
        }
        throw new StatesError(error, cause);
    }

    private static String jsonataText(StateVisit visit, Optional<String> field, String name) {
        if (field.isEmpty()) {
            return null;
        }
        return StateIo.jsonataGuard(visit, () -> DataLanguage.jsonataEvaluator()
                .requireString(com.fasterxml.jackson.databind.node.TextNode.valueOf(field.get()), StateIo.jsonataScope(visit), name));
    }

    private static String text(JsonNode value) {
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private static Interpreter.Step step(Transition transition, JsonNode output) {
        return new Interpreter.Step(transition.next(), output);
    }
}
