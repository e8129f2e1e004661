package org.dotlink.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RuleInfo;

/**
 * Reads a hunt's {@code findings.jsonl} (docs/OUTPUTS.md) back into {@link Finding}s, streamed, so that
 * they can be loaded into a store. A line that cannot be read is counted and described in
 * {@link #problems()}, and reading carries on.
 */
final class FindingsJsonl implements Iterable<Finding> {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_PROBLEMS = 100;

    private final Path file;
    private final List<String> problems = new ArrayList<>();

    FindingsJsonl(Path file) {
        this.file = file;
    }

    /** Lines that could not be read, each with its line number (at most the first 100). */
    List<String> problems() {
        return problems;
    }

    @Override
    public Iterator<Finding> iterator() {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
        return new Iterator<>() {
            private Finding next;
            private int line;
            private boolean done;

            @Override
            public boolean hasNext() {
                while (next == null && !done) {
                    String text;
                    try {
                        text = reader.readLine();
                    } catch (IOException e) {
                        throw new UncheckedIOException(file + ": line " + (line + 1) + ": " + e.getMessage(), e);
                    }
                    if (text == null) {
                        done = true;
                        try {
                            reader.close();
                        } catch (IOException ignored) {
                            // nothing more is read from it
                        }
                        break;
                    }
                    line++;
                    if (text.isBlank()) {
                        continue;
                    }
                    try {
                        next = finding(JSON.readTree(text), line);
                    } catch (IOException | RuntimeException e) {
                        if (problems.size() < MAX_PROBLEMS) {
                            problems.add(file + ": line " + line + ": not a finding: " + e.getMessage());
                        }
                    }
                }
                return next != null;
            }

            @Override
            public Finding next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Finding f = next;
                next = null;
                return f;
            }
        };
    }

    /**
     * One line's finding: the event rebuilt from {@code fields}, or a correlation from {@code events}.
     * The file does not carry the record's offset in its source, so the event's offset is the line's
     * number: each line stays one finding in the store, also for records without a record id (web log
     * lines).
     */
    static Finding finding(JsonNode n, long line) {
        RuleInfo rule = new RuleInfo(text(n, "rule_id"), text(n, "rule_title"), Level.parse(text(n, "level")),
                strings(n.get("techniques")), strings(n.get("tactics")), strings(n.get("software")));
        Detection detection;
        JsonNode events = n.get("events");
        if (events != null && events.isArray() && !events.isEmpty()) {
            List<EventRef> refs = new ArrayList<>();
            for (JsonNode e : events) {
                refs.add(new EventRef(text(e, "source"), e.path("record_id").asLong(-1), text(e, "time")));
            }
            Map<String, String> groupBy = new LinkedHashMap<>();
            n.path("group_by").fields().forEachRemaining(e -> groupBy.put(e.getKey(), e.getValue().asText()));
            detection = Detection.correlation(rule, refs, groupBy, text(n, "host"));
        } else {
            Event.Builder b = Event.builder(text(n, "source")).offset(line)
                    .recovered(n.path("recovered").asBoolean(false));
            n.path("fields").fields().forEachRemaining(e -> {
                if (e.getValue().isArray()) {
                    e.getValue().forEach(v -> b.add(e.getKey(), v.asText()));
                } else {
                    b.add(e.getKey(), e.getValue().asText());
                }
            });
            detection = Detection.of(rule, b.build());
        }
        Level level = n.hasNonNull("level") ? Level.parse(text(n, "level")) : rule.level();
        return new Finding(detection, level, n.hasNonNull("asset_role") ? text(n, "asset_role") : null,
                n.hasNonNull("story") ? text(n, "story") : null);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? "" : v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
