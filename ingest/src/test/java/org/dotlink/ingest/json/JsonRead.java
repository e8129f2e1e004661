package org.dotlink.ingest.json;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.junit.jupiter.api.Assumptions;

/** Test helpers: read JSON text or streams with the reader and collect what came out. */
final class JsonRead {

    private JsonRead() {}

    /** What a reader gave for one input. */
    record Result(List<Event> events, List<ReadProblem> problems, JsonLayout layout, int tasks) {
        List<Map<String, List<String>>> fields() {
            return events.stream().map(JsonRead::fields).toList();
        }

        List<Long> offsets() {
            return events.stream().map(Event::offset).toList();
        }
    }

    static Result read(String text) {
        return read(text, JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
    }

    static Result read(String text, int blockBytes, int maxRecordBytes) {
        return read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "test.json", blockBytes,
                maxRecordBytes);
    }

    static Result read(InputStream in, String source, int blockBytes, int maxRecordBytes) {
        JsonEventReader reader = new JsonEventReader(in, source, blockBytes, maxRecordBytes);
        List<Event> events = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        int tasks = 0;
        while (reader.hasNext()) {
            Callable<EventBatch> task = reader.next();
            tasks++;
            try {
                EventBatch b = task.call();
                events.addAll(b.events());
                problems.addAll(b.problems());
            } catch (Exception e) {
                throw new AssertionError("a task failed", e);
            }
        }
        return new Result(events, problems, reader.layout(), tasks);
    }

    /** An event's fields as name to values (one value, or several when the name repeats). */
    static Map<String, List<String>> fields(Event e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            Object v = e.fieldValue(i);
            out.put(e.fieldName(i), v instanceof String s ? List.of(s) : List.of((String[]) v));
        }
        return out;
    }

    /** The shared third-party data directory; skips the calling test when it is absent. */
    static Path sharedDataOrSkip() {
        String p = System.getProperty("dotlink.shared.data");
        Assumptions.assumeTrue(p != null && !p.isBlank(),
                "system property dotlink.shared.data is not set (surefire sets it, see pom.xml); test skipped");
        Path dir = Path.of(p).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir + "; test skipped");
        return dir;
    }
}
