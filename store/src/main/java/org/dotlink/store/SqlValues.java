package org.dotlink.store;

import java.sql.Array;
import java.sql.Blob;
import java.sql.SQLException;
import java.sql.Struct;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.duckdb.DuckDBStruct;
import org.duckdb.JsonNode;

/** Turns the objects DuckDB's JDBC driver returns into the plain values {@link QueryResult} describes. */
final class SqlValues {

    private SqlValues() {}

    static Object plain(Object v) throws SQLException {
        if (v == null || v instanceof String || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        if (v instanceof Timestamp t) {
            // DuckDB's TIMESTAMP has no zone; the driver builds the Timestamp from its wall-clock fields.
            return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
        }
        if (v instanceof LocalDateTime t) {
            return t.toInstant(ZoneOffset.UTC);
        }
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (v instanceof JsonNode j) {
            return new RawJson(j.toString());
        }
        if (v instanceof Array a) {
            List<Object> out = new ArrayList<>();
            for (Object element : (Object[]) a.getArray()) {
                out.add(plain(element));
            }
            return out;
        }
        if (v instanceof DuckDBStruct s) {
            return plainMap(s.getMap());
        }
        if (v instanceof Struct s) {
            List<Object> out = new ArrayList<>();
            for (Object attribute : s.getAttributes()) {
                out.add(plain(attribute));
            }
            return out;
        }
        if (v instanceof Map<?, ?> m) {
            return plainMap(m);
        }
        if (v instanceof Blob b) {
            return b.getBytes(1, (int) b.length());
        }
        if (v instanceof java.time.temporal.Temporal || v instanceof byte[]) {
            return v; // LocalDate, LocalTime, OffsetTime
        }
        return v.toString();
    }

    private static Map<String, Object> plainMap(Map<?, ?> m) throws SQLException {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), plain(e.getValue()));
        }
        return out;
    }
}
