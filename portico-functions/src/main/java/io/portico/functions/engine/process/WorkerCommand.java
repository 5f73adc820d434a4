package io.portico.functions.engine.process;

import java.util.List;
import java.util.Map;

/**
 * How to start a function's worker process: the command line, and the variables its runtime family
 * adds to the ones every worker gets (Java's {@code AWS_EXECUTION_ENV}, for one).
 */
record WorkerCommand(List<String> argv, Map<String, String> runtimeVariables) {

    WorkerCommand {
        argv = List.copyOf(argv);
        runtimeVariables = Map.copyOf(runtimeVariables);
    }

    /** The program the command runs, for error messages. */
    String program() {
        return argv.getFirst();
    }
}
