package io.portico.core.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A row to insert: its table, its column values in order, and which of those columns form the key that
 * decides whether the row already exists (the table's primary key or a unique constraint).
 *
 * <p>Table and column names come from code, never from requests; they are checked to be plain SQL
 * identifiers so that a slip cannot turn into SQL injection. Values are bound as parameters (the types
 * {@link StoreTransaction} accepts, null included). Immutable once built; thread safe.
 *
 * <pre>{@code
 * NewRow row = NewRow.into("sfn_activities")
 *         .key("arn", arn)
 *         .value("account", account).value("name", name).value("created_ms", now.toEpochMilli())
 *         .build();
 * }</pre>
 */
public record NewRow(String table, Map<String, Object> values, List<String> keyColumns) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    public NewRow {
        checkIdentifier(table);
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        keyColumns = List.copyOf(keyColumns);
        values.keySet().forEach(NewRow::checkIdentifier);
        if (keyColumns.isEmpty()) {
            throw new IllegalArgumentException("a new row for " + table + " needs at least one key column");
        }
        for (String key : keyColumns) {
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("key column " + key + " has no value in the row for " + table);
            }
        }
    }

    /** Starts a row for {@code table}. */
    public static Builder into(String table) {
        return new Builder(table);
    }

    /** The values of the key columns, in key order: the parameters of a lookup by key. */
    public Object[] keyValues() {
        return keyColumns.stream().map(values::get).toArray();
    }

    private static void checkIdentifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain SQL identifier: " + name);
        }
    }

    /** Collects a row's columns; not thread safe. */
    public static final class Builder {
        private final String table;
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final List<String> keyColumns = new ArrayList<>();

        private Builder(String table) {
            checkIdentifier(table);
            this.table = table;
        }

        /** A key column and its value (may not be null: SQL never finds a null key equal to anything). */
        public Builder key(String column, Object value) {
            Objects.requireNonNull(value, () -> "key column " + column + " of " + table + " is null");
            keyColumns.add(column);
            return value(column, value);
        }

        /** A non-key column and its value (null stores SQL NULL). */
        public Builder value(String column, Object value) {
            checkIdentifier(column);
            if (values.containsKey(column)) {
                throw new IllegalArgumentException("column " + column + " given twice for " + table);
            }
            values.put(column, value);
            return this;
        }

        public NewRow build() {
            return new NewRow(table, values, keyColumns);
        }
    }
}
