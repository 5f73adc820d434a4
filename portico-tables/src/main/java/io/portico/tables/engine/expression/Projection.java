package io.portico.tables.engine.expression;

import java.util.List;

/** A parsed ProjectionExpression (or AttributesToGet): the paths to return. {@link Projector} applies it. */
public record Projection(List<Path> paths) {
    public Projection {
        paths = List.copyOf(paths);
    }
}
