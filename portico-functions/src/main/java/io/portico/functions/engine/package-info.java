/**
 * How functions run: {@link io.portico.functions.engine.FunctionRuntime}s start
 * {@link io.portico.functions.engine.ExecutionEnvironment}s for one function version each; the
 * invoker pools them warm, bounds their concurrency and enforces timeouts. No HTTP here except the
 * Lambda Runtime API served to worker processes.
 */
package io.portico.functions.engine;
