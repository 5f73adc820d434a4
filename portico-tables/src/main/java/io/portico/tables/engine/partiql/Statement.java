package io.portico.tables.engine.partiql;

import io.portico.tables.engine.expression.Condition;
import io.portico.tables.engine.expression.Path;
import io.portico.tables.engine.expression.UpdateAction;
import io.portico.tables.engine.value.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed PartiQL statement, parameters substituted: a closed set. {@code table} is the name (or ARN)
 * as written; a SELECT may name an index ({@code "table"."index"}). Immutable.
 */
public sealed interface Statement {
    String table();

    /** {@code SELECT * | path, ... FROM table[.index] [WHERE condition]}; no paths means every attribute. */
    record Select(String table, Optional<String> index, List<Path> projection, Optional<Condition> where)
            implements Statement {
    }

    /** {@code INSERT INTO table VALUE {...}}: refused when the item exists. */
    record Insert(String table, Map<String, AttributeValue> item) implements Statement {
    }

    /** {@code UPDATE table SET ... REMOVE ... WHERE key [AND condition]}: the item must exist. */
    record Update(String table, List<UpdateAction> actions, Condition where) implements Statement {
    }

    /** {@code DELETE FROM table WHERE key [AND condition]}. */
    record Delete(String table, Condition where) implements Statement {
    }
}
