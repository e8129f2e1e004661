package org.dotlink.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's result held in memory: its columns and rows. Values are plain Java: null, {@code Boolean},
 * numbers ({@code Integer}, {@code Long}, {@code BigInteger}, {@code BigDecimal}, {@code Double}, ...),
 * {@code String}, {@code java.time.Instant} for timestamps (DuckDB's {@code TIMESTAMP} read as UTC),
 * {@code LocalDate} and {@code LocalTime}, {@code byte[]} for blobs, {@link RawJson} for {@code JSON}
 * values, {@code List<Object>} for lists and arrays, and {@code Map<String, Object>} (in order) for maps
 * and structs; anything else as DuckDB's text.
 */
public record QueryResult(List<Column> columns, List<List<Object>> rows) {

    public QueryResult {
        columns = new ArrayList<>(columns);
        rows = new ArrayList<>(rows);
    }

    /** A sink that collects a result in memory. */
    static final class Collector implements RowSink {
        private List<Column> columns = List.of();
        private final List<List<Object>> rows = new ArrayList<>();

        @Override
        public void columns(List<Column> columns) {
            this.columns = columns;
        }

        @Override
        public void row(List<Object> values) {
            rows.add(values);
        }

        QueryResult result() {
            return new QueryResult(columns, rows);
        }
    }
}
