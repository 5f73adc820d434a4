package io.portico.core.model;

import java.util.List;
import java.util.Optional;

/**
 * One operation of a service model: its name, its HTTP binding (method, request URI template, success
 * status), its input and output structures, and the errors it declares.
 *
 * <p>{@code hostPrefix} is the endpoint host prefix SDKs add ({@code sync-} for StartSyncExecution);
 * {@code resultWrapper} names the element that wraps a query-protocol result; {@code xmlNamespace} is the
 * namespace of a REST-XML operation's documents. Immutable; thread safe.
 */
public record OperationModel(
        String name,
        String httpMethod,
        UriTemplate requestUri,
        int successStatus,
        Optional<Shape.Structure> input,
        Optional<Shape.Structure> output,
        List<Shape.Structure> errors,
        Optional<String> hostPrefix,
        Optional<String> resultWrapper,
        Optional<String> xmlNamespace) {
}
