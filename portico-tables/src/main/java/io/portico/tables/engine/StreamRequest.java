package io.portico.tables.engine;

import java.util.Optional;

/** A StreamSpecification: whether the stream should be on and, if so, what its records carry. */
public record StreamRequest(boolean enabled, Optional<StreamViewType> viewType) {
}
