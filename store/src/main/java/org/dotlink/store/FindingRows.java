package org.dotlink.store;

import static org.dotlink.store.EventRows.bigint;
import static org.dotlink.store.EventRows.integer;
import static org.dotlink.store.EventRows.text;
import static org.dotlink.store.EventRows.time;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;
import org.dotlink.core.RecordIdentity;
import org.duckdb.DuckDBAppender;

/**
 * Writes findings as rows of the {@code findings} table, in {@link Schema#FINDING_COLUMNS} order. A
 * single-event finding carries its event's record key, place and fields; a correlation finding has no
 * record key, channel, event id, record id or source, its {@code events} list instead, and its group-by
 * values as {@code fields}.
 */
final class FindingRows implements BulkLoad.RowWriter<Finding> {

    private final RecordIdentity identity;
    private final JsonText json = new JsonText();

    FindingRows(RecordIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void write(Finding f, DuckDBAppender row) throws SQLException {
        Detection d = f.detection();
        Event e = d.event();
        String recordKey = e == null ? null : identity.recordKey(e);
        row.beginRow();
        text(row, FindingKey.of(d, recordKey, identity));
        text(row, recordKey);
        time(row, d.time());
        text(row, d.host());
        if (e == null) {
            row.appendNull().appendNull().appendNull().appendNull();
        } else {
            text(row, e.channel());
            integer(row, e.eventId());
            bigint(row, e.recordId());
            text(row, e.source());
        }
        row.append(Utf16.wellFormed(f.rule().id() == null ? "" : f.rule().id()));
        text(row, f.rule().title());
        row.append(f.level().label());
        row.append(clean(f.rule().techniques()));
        row.append(clean(f.rule().tactics()));
        text(row, f.story());
        text(row, f.assetRole());
        row.append(e != null && e.recovered());
        if (e == null) {
            row.append(json.refs(d.events()));
            row.append(json.object(d.groupBy()));
        } else {
            row.appendNull();
            row.append(json.fields(e));
        }
        row.endRow();
    }

    private static List<String> clean(List<String> values) {
        List<String> out = new ArrayList<>(values.size());
        for (String v : values) {
            out.add(Utf16.wellFormed(v));
        }
        return out;
    }
}
