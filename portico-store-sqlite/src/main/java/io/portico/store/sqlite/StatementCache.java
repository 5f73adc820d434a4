package io.portico.store.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The prepared statements of one connection, kept by SQL text and reused. Why: services run the same
 * few statements over and over (a checkpoint is three), and preparing a statement costs SQLite more
 * than running it; on the writer thread, which all writes share, that difference is throughput.
 *
 * <p>Not thread safe: a connection, and so its cache, is used by one thread at a time. A statement
 * must not be reused while a result set of it is still open, so a row mapper must not run the same
 * query again on the same connection.
 */
final class StatementCache {
    private static final int MAX_STATEMENTS = 128;

    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(32, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= MAX_STATEMENTS) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    };

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        } else {
            statement.clearParameters();
        }
        return statement;
    }

    /** Forgets every statement (before the connection closes, or after a failure left one unusable). */
    void clear() {
        statements.values().forEach(StatementCache::closeQuietly);
        statements.clear();
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException ignored) {
            // the connection is going away or the statement is already unusable
        }
    }
}
