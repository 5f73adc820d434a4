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

/**
 * {@link StoreTransaction} over one JDBC connection whose transaction the caller manages. Not thread
 * safe: it lives only for the duration of one unit of work.
 */
final class SqliteTransaction implements StoreTransaction {

    private final StatementCache statements;

    SqliteTransaction(StatementCache statements) {
        this.statements = statements;
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
