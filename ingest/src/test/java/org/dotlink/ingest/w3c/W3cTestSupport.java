package org.dotlink.ingest.w3c;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;

/** What the W3C tests share: reading bytes into events and problems, and events as comparable text. */
final class W3cTestSupport {

    static final String SOURCE = "test.log";

    private W3cTestSupport() {}

    /** A read: every event and every problem in order, and how many tasks the reader handed out. */
    record Read(List<Event> events, List<ReadProblem> problems, int tasks) {

        /** The events as {@link #fields} lists, with their offsets: what two reads must agree on. */
        List<String> eventText() {
            List<String> out = new ArrayList<>();
            for (Event e : events) {
                out.add(e.source() + "@" + e.offset() + " " + fields(e));
            }
            return out;
        }

        List<String> problemText() {
            return problems.stream().map(ReadProblem::toString).toList();
        }
    }

    static Read read(String text) {
        return read(text.getBytes(StandardCharsets.UTF_8));
    }

    static Read read(byte[] bytes) {
        return collect(W3cReader.readAll(new ByteArrayInputStream(bytes), SOURCE));
    }

    static Read read(byte[] bytes, int blockLines, int blockBytes, int maxLineBytes) {
        W3cReader reader = new W3cReader(new ByteArrayInputStream(bytes), SOURCE, blockLines, blockBytes, maxLineBytes);
        return collect(W3cReader.drain(reader));
    }

    static Read collect(List<EventBatch> batches) {
        List<Event> events = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        for (EventBatch b : batches) {
            events.addAll(b.events());
            problems.addAll(b.problems());
        }
        return new Read(events, problems, batches.size());
    }

    /** An event's fields in order as {@code name=value}. */
    static List<String> fields(Event e) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            Object v = e.fieldValue(i);
            out.add(e.fieldName(i) + "=" + (v instanceof String[] a ? List.of(a) : v));
        }
        return out;
    }
}
