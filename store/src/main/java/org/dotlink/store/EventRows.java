package org.dotlink.store;

import java.sql.SQLException;
import org.dotlink.core.Event;
import org.dotlink.core.RecordIdentity;
import org.duckdb.DuckDBAppender;

/** Writes events as rows of the {@code events} table, in {@link Schema#EVENT_COLUMNS} order. */
final class EventRows implements BulkLoad.RowWriter<Event> {

    private final RecordIdentity identity;
    private final JsonText json = new JsonText();

    EventRows(RecordIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void write(Event e, DuckDBAppender row) throws SQLException {
        row.beginRow();
        text(row, identity.recordKey(e));
        time(row, e.time());
        text(row, e.host());
        text(row, e.hostKey());
        text(row, e.channel());
        integer(row, e.eventId());
        bigint(row, e.recordId());
        text(row, e.source());
        row.append(e.recovered());
        row.append(json.fields(e));
        row.endRow();
    }

    /** A string, or NULL for an absent (empty) value. */
    static void text(DuckDBAppender row, String s) throws SQLException {
        if (s == null || s.isEmpty()) {
            row.appendNull();
        } else {
            row.append(Utf16.wellFormed(s));
        }
    }

    /** An ISO-8601 time as a TIMESTAMP, or NULL when absent or unreadable. */
    static void time(DuckDBAppender row, String iso) throws SQLException {
        long micros = UtcTime.micros(iso);
        if (micros == UtcTime.NONE) {
            row.appendNull();
        } else {
            row.appendEpochMicros(micros);
        }
    }

    /** An INTEGER id, or NULL for the -1 that means absent. */
    static void integer(DuckDBAppender row, int n) throws SQLException {
        if (n < 0) {
            row.appendNull();
        } else {
            row.append(n);
        }
    }

    /** A BIGINT id, or NULL for the -1 that means absent. */
    static void bigint(DuckDBAppender row, long n) throws SQLException {
        if (n < 0) {
            row.appendNull();
        } else {
            row.append(n);
        }
    }
}
