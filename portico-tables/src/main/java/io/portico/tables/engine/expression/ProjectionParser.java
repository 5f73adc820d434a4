package io.portico.tables.engine.expression;

import io.portico.tables.engine.expression.Token.Type;
import java.util.ArrayList;
import java.util.List;

/** Parses a ProjectionExpression: {@code path (',' path)*}, paths neither overlapping nor conflicting. */
final class ProjectionParser extends ExpressionParser {

    private static final List<Problem> PRECEDENCE = List.of(Problem.RESERVED_WORD, Problem.UNDEFINED_NAME,
            Problem.PATH_OVERLAP, Problem.PATH_CONFLICT);

    ProjectionParser(String source, ExpressionAttributes attributes) {
        super(ExpressionKind.PROJECTION, source, attributes);
    }

    Projection parse() {
        requireText();
        List<Path> paths = new ArrayList<>();
        paths.add(path());
        while (at(Type.COMMA)) {
            next();
            paths.add(path());
        }
        expectEnd();
        checkDistinctPaths(paths);
        reportProblems(PRECEDENCE);
        return new Projection(paths);
    }
}
