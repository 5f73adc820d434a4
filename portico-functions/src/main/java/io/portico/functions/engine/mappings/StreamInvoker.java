package io.portico.functions.engine.mappings;

import io.portico.functions.engine.InvokeResult;

/**
 * Invokes a mapping's function synchronously (RequestResponse) with a batch: in Portico,
 * {@code Functions.invoke} on the function ARN the mapping names. Throws the engine's
 * {@code FunctionsException} when the function cannot run (throttled, deleted).
 */
@FunctionalInterface
public interface StreamInvoker {
    InvokeResult invoke(String functionArn, byte[] payload, String requestId) throws InterruptedException;
}
