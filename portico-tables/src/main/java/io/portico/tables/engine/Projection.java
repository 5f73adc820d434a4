package io.portico.tables.engine;

import java.util.List;

/** What an index projects: its type and, for INCLUDE, the non-key attributes it copies. Immutable. */
public record Projection(ProjectionType type, List<String> nonKeyAttributes) {

    public Projection {
        nonKeyAttributes = List.copyOf(nonKeyAttributes);
    }
}
