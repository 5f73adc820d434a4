package io.portico.states.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * One state of a graph. Each ASL state type is a record; the interpreter switches over them
 * exhaustively. Every state knows its {@code name}, its effective {@link QueryLanguage} (its own
 * QueryLanguage field, else the definition's), and its {@link DataFlow}.
 *
 * <p>Fields that may be a literal or, in JSONata mode, a {@code {% %}} expression are kept as
 * {@link JsonNode} (for example {@link Task#timeoutSeconds()}); their {@code ...Path} twins (JSONPath
 * mode) are separate optional strings.
 */
public sealed interface State {

    String name();

    QueryLanguage queryLanguage();

    DataFlow dataFlow();

    /** The ASL {@code Type} value, e.g. {@code Task}; also the prefix of the state's history events. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** States that may have Retry and Catch. */
    sealed interface Recoverable extends State {
        List<Retrier> retry();

        List<Catcher> catchers();
    }

    record Pass(String name, QueryLanguage queryLanguage, DataFlow dataFlow, Transition transition,
                Optional<JsonNode> result) implements State {
    }

    record Task(String name, QueryLanguage queryLanguage, DataFlow dataFlow, Transition transition,
                String resource,
                Optional<JsonNode> timeoutSeconds, Optional<String> timeoutSecondsPath,
                Optional<JsonNode> heartbeatSeconds, Optional<String> heartbeatSecondsPath,
                Optional<JsonNode> credentials,
                List<Retrier> retry, List<Catcher> catchers) implements Recoverable {
    }

    record Choice(String name, QueryLanguage queryLanguage, DataFlow dataFlow,
                  List<ChoiceRule.Choice> choices, Optional<String> defaultNext) implements State {
    }

    record Wait(String name, QueryLanguage queryLanguage, DataFlow dataFlow, Transition transition,
                Optional<JsonNode> seconds, Optional<String> secondsPath,
                Optional<JsonNode> timestamp, Optional<String> timestampPath) implements State {
    }

    record Succeed(String name, QueryLanguage queryLanguage, DataFlow dataFlow) implements State {
    }

    /**
     * {@code error}/{@code cause} are literals in JSONPath mode and literals or {@code {% %}} strings in
     * JSONata mode; the {@code ...Path} forms are JSONPath mode only (a path or an intrinsic function).
     */
    record Fail(String name, QueryLanguage queryLanguage, DataFlow dataFlow,
                Optional<String> error, Optional<String> errorPath,
                Optional<String> cause, Optional<String> causePath) implements State {
    }

    record Parallel(String name, QueryLanguage queryLanguage, DataFlow dataFlow, Transition transition,
                    List<StateGraph> branches,
                    List<Retrier> retry, List<Catcher> catchers) implements Recoverable {
    }

    /**
     * A Map state, inline or distributed. {@code itemSelector} is ItemSelector or the legacy
     * Parameters; {@code itemProcessor} is ItemProcessor or the legacy Iterator. The distributed-mode
     * fields ({@code itemReader}, {@code itemBatcher}, {@code resultWriter}) are kept as written.
     */
    record Map(String name, QueryLanguage queryLanguage, DataFlow dataFlow, Transition transition,
               StateGraph itemProcessor, ProcessorMode mode, Optional<String> executionType,
               Optional<String> itemsPath, Optional<JsonNode> items, Optional<JsonNode> itemSelector,
               Optional<JsonNode> maxConcurrency, Optional<String> maxConcurrencyPath,
               Optional<JsonNode> toleratedFailureCount, Optional<String> toleratedFailureCountPath,
               Optional<JsonNode> toleratedFailurePercentage, Optional<String> toleratedFailurePercentagePath,
               Optional<JsonNode> itemReader, Optional<JsonNode> itemBatcher, Optional<JsonNode> resultWriter,
               Optional<String> label,
               List<Retrier> retry, List<Catcher> catchers) implements Recoverable {

        public enum ProcessorMode { INLINE, DISTRIBUTED }
    }
}
