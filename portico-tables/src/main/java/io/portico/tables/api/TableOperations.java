package io.portico.tables.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.portico.core.json.Json;
import io.portico.tables.engine.Table;
import io.portico.tables.engine.TableList;
import io.portico.tables.engine.TableStatus;
import io.portico.tables.engine.Tables;

/** CreateTable, DescribeTable, UpdateTable, DeleteTable and ListTables. */
final class TableOperations {
    /** ListTables answers at most 100 names a page, its maximum {@code Limit} and its default. */
    private static final int DEFAULT_LIMIT = 100;

    private final Tables tables;

    TableOperations(Tables tables) {
        this.tables = tables;
    }

    ObjectNode create(Input in) {
        Table table = tables.create(TableRequests.newTable(in));
        return description("TableDescription", TableDescriptions.full(table, TableStatus.CREATING, false));
    }

    ObjectNode describe(Input in) {
        return description("Table", TableDescriptions.full(tables.describe(in.table()), TableStatus.ACTIVE, true));
    }

    ObjectNode update(Input in) {
        return description("TableDescription", TableDescriptions.updated(tables.update(in.table(), TableRequests.change(in))));
    }

    ObjectNode delete(Input in) {
        return description("TableDescription", TableDescriptions.deleted(tables.delete(in.table())));
    }

    ObjectNode list(Input in) {
        int limit = in.node("Limit").map(n -> n.asInt()).orElse(DEFAULT_LIMIT);
        TableList page = tables.list(in.account(), in.region(), in.string("ExclusiveStartTableName"), limit);
        ObjectNode out = Json.object();
        page.lastEvaluated().ifPresent(last -> out.put("LastEvaluatedTableName", last));
        ArrayNode names = out.putArray("TableNames");
        page.names().forEach(names::add);
        return out;
    }

    private static ObjectNode description(String member, ObjectNode description) {
        ObjectNode out = Json.object();
        out.set(member, description);
        return out;
    }
}
