package io.portico.states.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.portico.states.asl.QueryLanguage;
import io.portico.states.asl.State;
import io.portico.states.asl.StatesError;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TestState's mocks: which requests and states accept one (with AWS's ValidationException messages),
 * and how a mocked state runs. A mocked state still processes its input (InputPath, Parameters or
 * Arguments) and its result (ResultSelector, ResultPath, OutputPath or Output, Assign) as in an
 * execution; only the work in between is replaced. Stateless.
 *
 * <p>Difference from AWS: {@code fieldValidationMode} (checking a mocked result against the
 * integrated service's API model) is accepted but not applied, as Portico has no API models of the
 * integrated services.
 */
final class TestMocks {
    private static final String WAIT_FOR_TOKEN = ".waitForTaskToken";
    private static final Pattern SYNC = Pattern.compile("\\.sync(:\\d+)?$");

    private TestMocks() {
    }

    /** Parameter combinations AWS rejects before looking at the definition. */
    static void checkRequest(TestStateRequest request) {
        if (request.mock().isPresent() && request.revealSecrets()) {
            throw StepFunctionsException.invalidRequest(
                    "TestState does not support RevealSecrets when a mock is specified.");
        }
        if (request.context().isPresent() && request.mock().isEmpty()) {
            // AWS documents the rule ("may only be specified if a mock is specified"); the wording is Portico's.
            throw StepFunctionsException.invalidRequest(
                    "TestState does not support a Context when no mock is specified.");
        }
    }

    /**
     * Rejects, as AWS does, an Activity, {@code .sync} or {@code .waitForTaskToken} Task tested without
     * a mock: its work would wait for a worker, a child or a callback. (AWS documents the rule; the
     * wording is Portico's.) Map and Parallel without a mock are a Portico extension and run for real.
     */
    static void checkNeedsMock(State state, Optional<TestMock> mock) {
        if (mock.isPresent() || !(state instanceof State.Task task)) {
            return;
        }
        String resource = task.resource();
        if (ResourceNames.isActivity(resource) || resource.endsWith(WAIT_FOR_TOKEN) || SYNC.matcher(resource).find()) {
            throw StepFunctionsException.invalidRequest("TestState supports Activity tasks and the .sync and"
                    + " .waitForTaskToken service integration patterns only when a mock is specified.");
        }
    }

    /** Rejects a mock the state cannot take, with AWS's messages. */
    static void checkFits(State state, TestMock mock) {
        switch (state) {
            case State.Task task -> {
            }
            case State.Parallel parallel -> {
                JsonNode result = arrayResult(mock);
                if (result != null && result.size() != parallel.branches().size()) {
                    throw StepFunctionsException.invalidRequest(
                            "Mocked result must contain the same number of items as number of Parallel branches.");
                }
            }
            case State.Map map -> {
                if (map.resultWriter().isPresent()) {
                    if (mock instanceof TestMock.Result r && !r.value().isObject()) {
                        throw StepFunctionsException.invalidRequest("Mocked result must be a JSON object.");
                    }
                } else {
                    arrayResult(mock);
                }
            }
            default -> throw StepFunctionsException.invalidRequest(
                    "State type '" + state.typeName() + "' is not supported when a mock is specified");
        }
    }

    private static JsonNode arrayResult(TestMock mock) {
        if (!(mock instanceof TestMock.Result r)) {
            return null;
        }
        if (!r.value().isArray()) {
            throw StepFunctionsException.invalidRequest("Mocked result must be an array.");
        }
        return r.value();
    }

    /** Runs a Task, Parallel or Map state with its work replaced by the mock. */
    static Interpreter.Step run(StateVisit visit, TestMock mock, TaskTokens tokens) {
        return switch (visit.state()) {
            case State.Task task -> task(task, visit, mock, tokens);
            case State.Parallel parallel -> {
                if (parallel.queryLanguage() == QueryLanguage.JSONATA) {
                    StateIo.arguments(visit);
                } else {
                    StateIo.effectiveInput(visit);
                }
                yield new Interpreter.Step(parallel.transition().next(), finish(visit, mock));
            }
            case State.Map map -> {
                StateIo.effectiveInput(visit);
                yield new Interpreter.Step(map.transition().next(), finish(visit, mock));
            }
            default -> throw new IllegalStateException("checked before: " + visit.state().typeName());
        };
    }

    private static Interpreter.Step task(State.Task task, StateVisit visit, TestMock mock, TaskTokens tokens) {
        String resource = task.resource();
        Optional<String> token = resource.endsWith(WAIT_FOR_TOKEN) || ResourceNames.isActivity(resource)
                ? Optional.of(tokens.issue(visit.frame().run().info().executionArn()))
                : Optional.empty();
        token.ifPresent(visit::taskToken);
        try {
            if (task.queryLanguage() == QueryLanguage.JSONATA) {
                StateIo.arguments(visit);
            } else {
                StateIo.effectiveInput(visit);
            }
            return new Interpreter.Step(task.transition().next(), finish(visit, mock));
        } finally {
            token.ifPresent(tokens::retire);
        }
    }

    /** The mocked result through the state's output processing, or the mocked error. */
    private static JsonNode finish(StateVisit visit, TestMock mock) {
        return switch (mock) {
            case TestMock.Result r -> StateIo.output(visit, r.value(), Optional.empty(), Optional.empty());
            case TestMock.Failure f -> throw new StatesError(f.error(), f.cause().orElse(null));
        };
    }
}
