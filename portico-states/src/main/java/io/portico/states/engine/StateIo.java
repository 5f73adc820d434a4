package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.states.asl.Catcher;
import io.portico.states.asl.DataFlow;
import io.portico.states.asl.EvalContext;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import io.portico.states.asl.jsonata.JsonataScope;
import java.util.Optional;

/**
 * The input and output processing every state shares, in the order AWS applies it.
 *
 * <p>JSONPath: InputPath, Parameters (the effective input), then after the work ResultSelector,
 * Assign, ResultPath (into the raw state input) and OutputPath. JSONata: Arguments are the effective
 * input; Assign and Output both see {@code $states.result} and the variables as they were when the
 * state started. Data-processing errors get the state's prefix here; JSONata errors also leave an
 * {@code EvaluationFailed} event, as AWS records.
 *
 * <p>Stateless and thread safe.
 */
final class StateIo {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StateIo() {
    }

    /** The state's effective input: InputPath then, if the state has them, Parameters (JSONPath only). */
    static JsonNode effectiveInput(StateVisit visit) {
        DataFlow flow = visit.state().dataFlow();
        if (visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            return visit.input();
        }
        JsonNode effective = guard(visit, () -> {
            JsonNode selected = flow.inputPath().isEmpty()
                    ? NODES.objectNode()
                    : DataLanguage.select(flow.inputPath().get(), jsonPathContext(visit, visit.input()));
            inspect(visit, "afterInputPath", selected);
            JsonNode withParameters = flow.parameters().isEmpty()
                    ? selected
                    : DataLanguage.template(flow.parameters().get(), jsonPathContext(visit, selected));
            inspect(visit, "afterParameters", withParameters);
            return withParameters;
        });
        if (flow.parameters().isPresent()) {
            checkInputSize(visit, effective);
        }
        return effective;
    }

    /**
     * AWS's 256 KiB quota on a state's input after Parameters (or Arguments) built it, what a Task,
     * Parallel or Map hands on: over it is States.DataLimitExceeded. Without them the input is (part
     * of) the previous output, checked then.
     */
    private static void checkInputSize(StateVisit visit, JsonNode effective) {
        // A Pass state's Parameters are its result: the output check names that.
        if (!(visit.state() instanceof State.Pass)) {
            PayloadSize.requireWithinQuota(effective, visit.state().name(), "has an input");
        }
    }

    /** JSONata Arguments of a Task (or the raw input when there are none). */
    static JsonNode arguments(StateVisit visit) {
        Optional<JsonNode> arguments = visit.state().dataFlow().arguments();
        JsonNode effective = arguments.isEmpty()
                ? visit.input()
                : jsonata(visit, arguments.get(), "Arguments", Optional.empty(), Optional.empty());
        inspect(visit, "afterArguments", effective);
        if (arguments.isPresent()) {
            checkInputSize(visit, effective);
        }
        return effective;
    }

    /**
     * Everything after the work: turns the state's raw {@code result} into its output and applies
     * Assign. For states without a result of their own (Choice, Wait, Succeed) pass the effective input.
     */
    static JsonNode output(StateVisit visit, JsonNode result, Optional<JsonNode> branchAssign,
                           Optional<JsonNode> branchOutput) {
        DataFlow flow = visit.state().dataFlow();
        inspect(visit, "result", result);
        if (visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            Optional<JsonNode> resultVar = Optional.of(result);
            Optional<JsonNode> outputTemplate = branchOutput.or(flow::output);
            ObjectNode assigned = jsonataAssign(visit, branchAssign.or(flow::assign), resultVar, Optional.empty());
            JsonNode out = outputTemplate.isEmpty()
                    ? result
                    : jsonata(visit, outputTemplate.get(), "Output", resultVar, Optional.empty());
            assign(visit, assigned);
            return out;
        }
        Processed processed = guard(visit, () -> {
            JsonNode selected = flow.resultSelector().isEmpty()
                    ? result
                    : DataLanguage.template(flow.resultSelector().get(), jsonPathContext(visit, result));
            inspect(visit, "afterResultSelector", selected);
            Optional<JsonNode> assign = branchAssign.or(flow::assign);
            ObjectNode assigned = assign.isEmpty() ? NODES.objectNode()
                    : (ObjectNode) DataLanguage.template(assign.get(), jsonPathContext(visit, selected));
            JsonNode combined = flow.resultPath().isEmpty()
                    ? visit.input()
                    : DataLanguage.applyResultPath(visit.input(), selected, flow.resultPath().get());
            inspect(visit, "afterResultPath", combined);
            JsonNode out = flow.outputPath().isEmpty()
                    ? NODES.objectNode()
                    : DataLanguage.select(flow.outputPath().get(), jsonPathContext(visit, combined));
            return new Processed(out, assigned);
        });
        assign(visit, processed.assigned());
        return processed.output();
    }

    /** What JSONPath output processing made: the output, and the variables it assigns. */
    private record Processed(JsonNode output, ObjectNode assigned) {
    }

    /** The output a Catch produces from the error output {@code {"Error","Cause"}}. */
    static JsonNode caught(StateVisit visit, Catcher catcher, ObjectNode errorOutput) {
        if (visit.state().queryLanguage() == QueryLanguage.JSONATA) {
            ObjectNode assigned = jsonataAssign(visit, catcher.assign(), Optional.empty(), Optional.of(errorOutput));
            JsonNode out = catcher.output().isEmpty()
                    ? errorOutput
                    : jsonata(visit, catcher.output().get(), "Output", Optional.empty(), Optional.of(errorOutput));
            assign(visit, assigned);
            return out;
        }
        Processed processed = guard(visit, () -> {
            ObjectNode assigned = catcher.assign().isEmpty() ? NODES.objectNode()
                    : (ObjectNode) DataLanguage.template(catcher.assign().get(), jsonPathContext(visit, errorOutput));
            JsonNode out = catcher.resultPath().isEmpty()
                    ? visit.input()
                    : DataLanguage.applyResultPath(visit.input(), errorOutput, catcher.resultPath().get());
            return new Processed(out, assigned);
        });
        assign(visit, processed.assigned());
        return processed.output();
    }

    /**
     * Stores what Assign evaluated. The variables are written with the frame's checkpoint, so they are
     * held to the engine's nesting bound as an output is.
     */
    private static void assign(StateVisit visit, ObjectNode assigned) {
        if (!assigned.isEmpty()) {
            PayloadSize.requireNestable(assigned, visit.state().name(), "assigned variables");
        }
        visit.frame().variables().assignAll(assigned);
    }

    /** A single JSONPath-mode value: a path, a context path, a variable or an intrinsic function. */
    static JsonNode pathValue(StateVisit visit, JsonNode input, String expression, String field) {
        return guard(visit, () -> DataLanguage.value(expression, jsonPathContext(visit, input), field));
    }

    /** A JSONata-mode field: literals stay as written, {@code {% %}} strings are evaluated. */
    static JsonNode jsonata(StateVisit visit, JsonNode template, String field,
                            Optional<JsonNode> result, Optional<JsonNode> errorOutput) {
        try {
            return DataLanguage.jsonata(template, new JsonataScope(visit.input(), result, errorOutput, visit.context(),
                    visit.frame().variables(), visit.frame().limits()), field);
        } catch (StatesError e) {
            throw evaluationFailed(visit, e);
        }
    }

    /** The JSONata scope of a state: {@code $states.input} is its raw input. */
    static JsonataScope jsonataScope(StateVisit visit) {
        return JsonataScope.of(visit.input(), visit.context(), visit.frame().variables())
                .withLimits(visit.frame().limits());
    }

    /** Runs a JSONata evaluation, recording AWS's EvaluationFailed event if it fails. */
    static <T> T jsonataGuard(StateVisit visit, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StatesError e) {
            throw evaluationFailed(visit, e);
        }
    }

    static EvalContext jsonPathContext(StateVisit visit, JsonNode input) {
        return new EvalContext(input, visit::context, visit.frame().variables(), visit.frame().limits());
    }

    private static ObjectNode jsonataAssign(StateVisit visit, Optional<JsonNode> assign,
                                            Optional<JsonNode> result, Optional<JsonNode> errorOutput) {
        if (assign.isEmpty()) {
            return NODES.objectNode();
        }
        return (ObjectNode) jsonata(visit, assign.get(), "Assign", result, errorOutput);
    }

    /** Records AWS's EvaluationFailed event for a JSONata failure and returns the qualified error. */
    static StatesError evaluationFailed(StateVisit visit, StatesError raw) {
        StatesError qualified = visit.qualify(raw);
        visit.frame().record(EventType.EvaluationFailed, () -> {
            ObjectNode d = NODES.objectNode();
            d.put("error", qualified.error());
            d.put("cause", qualified.detail());
            d.put("state", visit.state().name());
            return d;
        });
        return qualified;
    }

    /** Reports an intermediate value to the run's {@link Inspector} (TestState's inspectionData). */
    private static void inspect(StateVisit visit, String field, JsonNode value) {
        visit.frame().run().inspector().record(visit, field, value);
    }

    static <T> T guard(StateVisit visit, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (StatesError e) {
            throw visit.qualify(e);
        }
    }

    /** Which field carries a state's (or its ItemReader's, ResultWriter's) arguments in its query language. */
    static String argumentsField(StateVisit visit) {
        return visit.state().queryLanguage() == QueryLanguage.JSONATA ? "Arguments" : "Parameters";
    }

    /**
     * The {@link #argumentsField} of {@code config} (an ItemReader or ResultWriter), evaluated against
     * the state's effective input; empty when the config has none.
     */
    static Optional<JsonNode> configArguments(StateVisit visit, JsonNode config, JsonNode effective) {
        JsonNode template = config.get(argumentsField(visit));
        if (template == null) {
            return Optional.empty();
        }
        return Optional.of(visit.state().queryLanguage() == QueryLanguage.JSONATA
                ? jsonata(visit, template, "Arguments", Optional.empty(), Optional.empty())
                : guard(visit, () -> DataLanguage.template(template, jsonPathContext(visit, effective))));
    }
}
