package org.dotlink.cli.output;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.dotlink.core.Event;

/**
 * Writes events as JSON lines in DESIGN.md's event format: {@code time}, {@code host}, {@code channel},
 * {@code event_id}, {@code record_id}, {@code source}, {@code fields}, and {@code recovered} when true.
 */
public final class EventJson {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private EventJson() {}

    /** The events as UTF-8 JSON lines, one per event. */
    public static byte[] lines(List<Event> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events.size() * 1024 + 16);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.setRootValueSeparator(null);
            for (Event e : events) {
                write(g, e);
                g.flush();
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Writes one event object (the caller writes separators). */
    public static void write(JsonGenerator g, Event e) throws IOException {
        g.writeStartObject();
        g.writeStringField("time", e.time());
        g.writeStringField("host", e.host());
        g.writeStringField("channel", e.channel());
        writeNumberOrNull(g, "event_id", e.eventId());
        writeNumberOrNull(g, "record_id", e.recordId());
        g.writeStringField("source", e.source());
        g.writeObjectFieldStart("fields");
        for (int i = 0; i < e.fieldCount(); i++) {
            g.writeFieldName(e.fieldName(i));
            Object v = e.fieldValue(i);
            if (v instanceof String s) {
                g.writeString(s);
            } else {
                String[] a = (String[]) v;
                g.writeStartArray();
                for (String s : a) {
                    g.writeString(s);
                }
                g.writeEndArray();
            }
        }
        g.writeEndObject();
        if (e.recovered()) {
            g.writeBooleanField("recovered", true);
        }
        g.writeEndObject();
    }

    private static void writeNumberOrNull(JsonGenerator g, String name, long value) throws IOException {
        if (value < 0) {
            g.writeNullField(name);
        } else {
            g.writeNumberField(name, value);
        }
    }
}
