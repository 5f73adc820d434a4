package io.portico.tables.engine;

import java.util.List;
import java.util.Optional;

/** One page of ListTables: table names in order, and the last one when more may follow. */
public record TableList(List<String> names, Optional<String> lastEvaluated) {
    public TableList {
        names = List.copyOf(names);
    }
}
