package io.portico.functions.engine;

/**
 * Starts execution environments for the Lambda runtimes it supports ({@code java21},
 * {@code provided.al2023}, ...). Implementations are thread safe.
 */
public interface FunctionRuntime {

    /** Whether this runtime runs functions declared with {@code runtime}, e.g. {@code java21}. */
    boolean supports(String runtime);

    /**
     * Creates and initialises an environment: loads the handler and runs its static initialisation,
     * writing init output to {@code initLog}. Throws {@link FunctionInitException} with Lambda's
     * error payload when the handler cannot be loaded or its initialisation throws.
     */
    ExecutionEnvironment start(VersionSpec spec, InvocationLog initLog) throws FunctionInitException, InterruptedException;
}
