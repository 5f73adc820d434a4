package io.portico.core.service;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Runs one operation: a validated input document in, an output document out (keyed by the model's
 * member names, in the types {@link OperationCall} describes; an empty object for operations without
 * output). Failures are engine exceptions, which the service's error mapper turns into AWS errors, or
 * {@link io.portico.core.service.AwsErrorException}. Implementations must be thread safe.
 */
@FunctionalInterface
public interface OperationHandler {

    ObjectNode handle(OperationCall call) throws InterruptedException;
}
