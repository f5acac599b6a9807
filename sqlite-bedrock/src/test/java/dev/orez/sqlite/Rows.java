package dev.orez.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Query results of either engine in one comparable form: integers as Long, reals as Double, text as String, blobs as
 * {@code x'..'} hex strings (arrays do not compare by content), NULL as null.
 */
final class Rows {
    private Rows() {}

    static List<List<Object>> of(WasmSqlite db, String sql, Object... parameters) {
        List<List<Object>> rows = new ArrayList<>();
        try (WasmStatement statement = db.prepare(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            while (statement.step()) {
                List<Object> row = new ArrayList<>();
                for (int column = 0; column < statement.columnCount(); column++) {
                    row.add(
                            switch (statement.columnType(column)) {
                                case INTEGER -> statement.getLong(column);
                                case FLOAT -> statement.getDouble(column);
                                case TEXT -> statement.getText(column);
                                case BLOB -> hex(statement.getBlob(column));
                                case NULL -> null;
                            });
                }
                rows.add(row);
            }
        }
        return rows;
    }

    static List<List<Object>> of(Connection db, String sql, Object... parameters) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            if (!statement.execute()) {
                return rows;
            }
            try (ResultSet result = statement.getResultSet()) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int column = 1; column <= columns; column++) {
                        row.add(normalized(result.getObject(column)));
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    static void bind(WasmStatement statement, int index, Object value) {
        if (value == null) {
            statement.bindNull(index);
        } else if (value instanceof Long || value instanceof Integer) {
            statement.bindLong(index, ((Number) value).longValue());
        } else if (value instanceof Double) {
            statement.bindDouble(index, (Double) value);
        } else if (value instanceof String) {
            statement.bindText(index, (String) value);
        } else if (value instanceof byte[]) {
            statement.bindBlob(index, (byte[]) value);
        } else {
            throw new IllegalArgumentException("no SQLite type for " + value.getClass());
        }
    }

    private static Object normalized(Object value) {
        if (value instanceof Integer) {
            return ((Integer) value).longValue();
        }
        if (value instanceof byte[]) {
            return hex((byte[]) value);
        }
        return value;
    }

    private static String hex(byte[] blob) {
        return "x'" + HexFormat.of().formatHex(blob) + "'";
    }
}
