package org.dotlink.cli.output;

import java.util.List;
import org.dotlink.core.Event;

/**
 * Writes events as JSON lines in DESIGN.md's event format: {@code time}, {@code host}, {@code channel},
 * {@code event_id}, {@code record_id}, {@code source}, {@code fields}, and {@code recovered} when true.
 */
public final class EventJson {

    private EventJson() {}

    /** The events as UTF-8 JSON lines, one per event, in a writer ready to be written out. */
    public static JsonLineWriter lines(List<Event> events) {
        JsonLineWriter w = new JsonLineWriter(events.size() * 2048 + 16);
        for (Event e : events) {
            write(w, e);
            w.newline();
        }
        return w;
    }

    /** Writes one event object. */
    public static void write(JsonLineWriter w, Event e) {
        w.startObject();
        w.name("time").value(e.time());
        w.name("host").value(e.host());
        w.name("channel").value(e.channel());
        numberOrNull(w.name("event_id"), e.eventId());
        numberOrNull(w.name("record_id"), e.recordId());
        w.name("source").value(e.source());
        w.name("fields").startObject();
        for (int i = 0; i < e.fieldCount(); i++) {
            w.name(e.fieldName(i));
            Object v = e.fieldValue(i);
            if (v instanceof String s) {
                w.value(s);
            } else {
                w.startArray();
                for (String s : (String[]) v) {
                    w.value(s);
                }
                w.endArray();
            }
        }
        w.endObject();
        if (e.recovered()) {
            w.name("recovered").value(true);
        }
        w.endObject();
    }

    private static void numberOrNull(JsonLineWriter w, long value) {
        if (value < 0) {
            w.nullValue();
        } else {
            w.value(value);
        }
    }
}
