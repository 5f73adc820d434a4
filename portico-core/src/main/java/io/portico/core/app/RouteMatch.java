package io.portico.core.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a request's host and path matched: the route, and the values of its labels by name (host labels
 * first, then path labels; path values percent-decoded). Immutable; no component is null.
 *
 * @param route the route that serves the request
 * @param labels every label of the route's patterns and its value, in pattern order
 */
public record RouteMatch(AppRoute route, Map<String, String> labels) {

    public RouteMatch {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** The value of label {@code name}, if the route's patterns have it. */
    public Optional<String> label(String name) {
        return Optional.ofNullable(labels.get(name));
    }
}
