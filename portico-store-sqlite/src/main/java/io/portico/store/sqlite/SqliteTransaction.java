package io.portico.store.sqlite;

import io.portico.core.store.Row;
import io.portico.core.store.RowMapper;
import io.portico.core.store.StoreException;
import io.portico.core.store.StoreTransaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link StoreTransaction} over one JDBC connection whose transaction the caller manages. A writing
 * transaction spans a group of units of work and keeps their after-commit actions, which the store
 * runs after the commit or drops, per unit, on rollback. Not thread safe: it lives only for the
 * duration of one group (writes) or one read.
 */
final class SqliteTransaction implements StoreTransaction {
    private static final Logger LOG = LoggerFactory.getLogger(SqliteTransaction.class);

    private final StatementCache statements;
    private final boolean writing;
    private final List<Runnable> afterCommit = new ArrayList<>();

    private SqliteTransaction(StatementCache statements, boolean writing) {
        this.statements = statements;
        this.writing = writing;
    }

    static SqliteTransaction writing(StatementCache statements) {
        return new SqliteTransaction(statements, true);
    }

    static SqliteTransaction reading(StatementCache statements) {
        return new SqliteTransaction(statements, false);
    }

    @Override
    public void afterCommit(Runnable action) {
        if (!writing) {
            throw new IllegalStateException("a read transaction never commits");
        }
        afterCommit.add(Objects.requireNonNull(action, "action"));
    }

    /** How many after-commit actions are registered: a mark to roll back to. */
    int afterCommitCount() {
        return afterCommit.size();
    }

    /** Forgets the actions registered after {@code mark}, whose changes were rolled back. */
    void dropAfterCommit(int mark) {
        afterCommit.subList(mark, afterCommit.size()).clear();
    }

    /** Runs every kept action, each on its own: one that throws is logged and the rest still run. */
    void runAfterCommit() {
        for (Runnable action : afterCommit) {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("An after-commit action failed", e);
            }
        }
        afterCommit.clear();
    }

    @Override
    public int update(String sql, Object... params) {
        try {
            PreparedStatement statement = statements.prepare(sql);
            bind(statement, params);
            return statement.executeUpdate();
        } catch (SQLException e) {
            statements.clear();
            throw new StoreException("update failed: " + sql, e);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try {
            PreparedStatement statement = statements.prepare(sql);
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                List<T> rows = new ArrayList<>();
                ResultSetRow row = new ResultSetRow(rs);
                while (rs.next()) {
                    rows.add(mapper.map(row));
                }
                return rows;
            }
        } catch (SQLException e) {
            statements.clear();
            throw new StoreException("query failed: " + sql, e);
        }
    }

    @Override
    public <T> void readWhile(String sql, RowMapper<T> mapper, Predicate<T> more, Object... params) {
        try {
            PreparedStatement statement = statements.prepare(sql);
            bind(statement, params);
            try (ResultSet rs = statement.executeQuery()) {
                ResultSetRow row = new ResultSetRow(rs);
                while (rs.next() && more.test(mapper.map(row))) {
                    // SQLite steps to a row only when asked: the rows after the last one wanted stay unread
                }
            }
        } catch (SQLException e) {
            statements.clear();
            throw new StoreException("query failed: " + sql, e);
        }
    }

    private static void bind(PreparedStatement statement, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            Object p = params[i];
            int index = i + 1;
            switch (p) {
                case null -> statement.setNull(index, Types.NULL);
                case String s -> statement.setString(index, s);
                case Integer n -> statement.setInt(index, n);
                case Long n -> statement.setLong(index, n);
                case Double d -> statement.setDouble(index, d);
                case Boolean b -> statement.setInt(index, b ? 1 : 0);
                case byte[] bytes -> statement.setBytes(index, bytes);
                default -> throw new IllegalArgumentException(
                        "unsupported parameter type " + p.getClass().getName() + " at position " + index);
            }
        }
    }

    /** The current row of a result set; valid only while the mapper runs. */
    private record ResultSetRow(ResultSet rs) implements Row {

        @Override
        public String string(String column) {
            try {
                return rs.getString(column);
            } catch (SQLException e) {
                throw columnError(column, e);
            }
        }

        @Override
        public long longValue(String column) {
            try {
                return rs.getLong(column);
            } catch (SQLException e) {
                throw columnError(column, e);
            }
        }

        @Override
        public Long nullableLong(String column) {
            try {
                long value = rs.getLong(column);
                return rs.wasNull() ? null : value;
            } catch (SQLException e) {
                throw columnError(column, e);
            }
        }

        @Override
        public double doubleValue(String column) {
            try {
                return rs.getDouble(column);
            } catch (SQLException e) {
                throw columnError(column, e);
            }
        }

        @Override
        public boolean bool(String column) {
            return longValue(column) != 0;
        }

        @Override
        public byte[] bytes(String column) {
            try {
                return rs.getBytes(column);
            } catch (SQLException e) {
                throw columnError(column, e);
            }
        }

        private static StoreException columnError(String column, SQLException e) {
            return new StoreException("cannot read column " + column, e);
        }
    }
}
