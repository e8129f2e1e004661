package org.dotlink.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Loads rows without duplicates, fast: each batch is appended with DuckDB's appender to a staging
 * table without a key, then moved over in one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING},
 * so that rows whose key is already stored, or repeated within the batch, are added once. Each batch
 * is its own transaction: a load that fails part way keeps the batches before, and loading the same
 * input again completes it without duplicates. (One transaction around the whole load was no faster.)
 */
final class BulkLoad {

    /** Writes one item as one row, its values in the table's column order. */
    @FunctionalInterface
    interface RowWriter<T> {
        void write(T item, DuckDBAppender row) throws SQLException;
    }

    /**
     * Rows per batch: one DuckDB row group (122,880 rows), which DuckDB writes and compresses as one
     * piece. Measured on 200,000 events, batches of 50,000 loaded slower and made a 10% larger file, and
     * batches of 250,000 were no faster; a batch of events holds some tens of MB.
     */
    static final int BATCH_ROWS = 122_880;

    private BulkLoad() {}

    /** Loads {@code items} into {@code table}; returns how many rows were new. */
    static <T> long load(DuckDBConnection c, String table, Iterable<T> items, RowWriter<T> writer)
            throws SQLException {
        String stage = "temp.main." + Schema.stage(table);
        long added = 0;
        Iterator<T> it = items.iterator();
        try (Statement st = c.createStatement()) {
            try {
                while (it.hasNext()) {
                    st.execute("TRUNCATE " + stage);
                    try (DuckDBAppender row = c.createAppender("temp", "main", Schema.stage(table))) {
                        for (int n = 0; n < BATCH_ROWS && it.hasNext(); n++) {
                            writer.write(it.next(), row);
                        }
                    }
                    added += st.executeUpdate("INSERT INTO main." + table + " SELECT * FROM " + stage
                            + " ON CONFLICT DO NOTHING");
                }
            } finally {
                st.execute("TRUNCATE " + stage);
            }
        }
        return added;
    }
}
