package org.dotlink.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntFunction;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.Finding;

/**
 * The findings the report lists: at most {@link #MAX_ROWS} of them (the first in {@code findings.jsonl}),
 * each cut to what a table row shows, sorted by time; plus how many there were in all, and which tactics
 * each technique was tagged with (for the ATT&amp;CK matrix when no knowledge base is loaded).
 *
 * @param rows      the rows kept, by time
 * @param total     the number of findings read
 * @param tacticsOf technique id → the tactics findings tagged it with
 */
public record FindingTable(List<Row> rows, long total, Map<String, Set<String>> tacticsOf) {

    /** The most findings embedded in a report (the report's load-time target is met at this size). */
    public static final int MAX_ROWS = 100_000;

    /** The longest value of one detail field shown. */
    static final int MAX_DETAIL = 200;

    /** Event fields shown in a row's details, in this order, when present. */
    static final List<String> DETAIL_FIELDS = List.of("CommandLine", "Image", "ParentImage", "TargetFilename",
            "User", "TargetUserName", "SubjectUserName", "DestinationIp", "DestinationHostname", "QueryName",
            "ServiceName", "ImagePath", "TargetObject", "cs-uri-stem", "cs-uri-query", "c-ip", "IpAddress",
            "WorkstationName", "ShareName", "RelativeTargetName");

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One finding as the table shows it; every string comes from the logs and is shown as text. */
    public record Row(String time, String host, String level, String rule, List<String> techniques, String story,
                      String details, String source) {}

    public FindingTable {
        rows = List.copyOf(rows);
        tacticsOf = Map.copyOf(tacticsOf);
    }

    /** No findings. */
    public static FindingTable empty() {
        return new FindingTable(List.of(), 0, Map.of());
    }

    /** Reads a hunt's {@code findings.jsonl}, keeping at most {@code maxRows} rows; broken lines are skipped. */
    public static FindingTable read(Path findingsJsonl, int maxRows) throws IOException {
        List<Row> rows = new ArrayList<>();
        Map<String, Set<String>> tacticsOf = new TreeMap<>();
        long total = 0;
        try (BufferedReader in = Files.newBufferedReader(findingsJsonl, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode f;
                try {
                    f = JSON.readTree(line);
                } catch (JsonProcessingException e) {
                    continue;
                }
                total++;
                List<String> techniques = texts(f.path("techniques"));
                List<String> tactics = texts(f.path("tactics"));
                for (String t : techniques) {
                    tacticsOf.computeIfAbsent(t, k -> new TreeSet<>()).addAll(tactics);
                }
                if (rows.size() < maxRows) {
                    rows.add(row(f, techniques));
                }
            }
        }
        rows.sort(Comparator.comparing(Row::time));
        return new FindingTable(rows, total, tacticsOf);
    }

    /**
     * Builds the table from findings as a hunt makes them, without writing and reading them back: the same
     * rows as {@link #read} gives on the {@code findings.jsonl} those findings make. Story ids, known only once
     * stories are built, are given at the end by the finding's position.
     */
    public static final class Builder {
        private final int maxRows;
        private final List<Row> rows = new ArrayList<>();
        private final Map<String, Set<String>> tacticsOf = new TreeMap<>();
        private long total;

        public Builder(int maxRows) {
            this.maxRows = maxRows;
        }

        /** Adds the next finding (the {@code total()}-th, counting from 0). */
        public void add(Finding f) {
            add(f, row(f));
        }

        /** Adds the next finding with its row already made by {@link #row} (on a worker thread, say). */
        public void add(Finding f, Row row) {
            for (String t : f.detection().rule().techniques()) {
                tacticsOf.computeIfAbsent(t, k -> new TreeSet<>()).addAll(f.detection().rule().tactics());
            }
            if (rows.size() < maxRows) {
                // the story slot holds the finding's position until build()
                rows.add(new Row(row.time(), row.host(), row.level(), row.rule(), row.techniques(), Long.toString(total),
                        row.details(), row.source()));
            }
            total++;
        }

        /** The table; {@code storyOf} gives the story id of the finding at a position (null for none). */
        public FindingTable build(IntFunction<String> storyOf) {
            List<Row> withStories = new ArrayList<>(rows.size());
            for (Row r : rows) {
                String story = storyOf.apply(Integer.parseInt(r.story()));
                withStories.add(new Row(r.time(), r.host(), r.level(), r.rule(), r.techniques(), story, r.details(), r.source()));
            }
            withStories.sort(Comparator.comparing(Row::time));
            return new FindingTable(withStories, total, tacticsOf);
        }

        /** The finding's row, without its story. */
        public static Row row(Finding f) {
            Detection d = f.detection();
            StringBuilder details = new StringBuilder();
            Event e = d.event();
            String source;
            if (e != null) {
                for (String name : DETAIL_FIELDS) {
                    if (e.raw(name) instanceof String s && !s.isEmpty() && !s.equals("-")) {
                        details.append(details.length() == 0 ? "" : " ¦ ").append(name).append(": ")
                                .append(s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s);
                    }
                }
                source = e.recordId() >= 0 ? e.source() + " #" + e.recordId() : e.source();
            } else {
                try {
                    details.append("correlation over ").append(d.events().size()).append(" events, ")
                            .append(JSON.writeValueAsString(d.groupBy()));
                } catch (JsonProcessingException ex) {
                    throw new IllegalStateException(ex);
                }
                source = d.events().isEmpty() ? "" : d.events().get(0).source();
            }
            return new Row(d.time(), d.host(), f.level().label(), d.rule().title(), List.copyOf(d.rule().techniques()), null,
                    details.toString(), source);
        }
    }

    private static Row row(JsonNode f, List<String> techniques) {
        StringBuilder details = new StringBuilder();
        JsonNode fields = f.path("fields");
        for (String name : DETAIL_FIELDS) {
            JsonNode v = fields.get(name);
            if (v == null || v.isNull() || v.isContainerNode() || v.asText().isEmpty() || v.asText().equals("-")) {
                continue;
            }
            String s = v.asText();
            details.append(details.length() == 0 ? "" : " ¦ ").append(name).append(": ")
                    .append(s.length() > MAX_DETAIL ? s.substring(0, MAX_DETAIL) + "…" : s);
        }
        if (details.length() == 0 && f.has("group_by")) {
            details.append("correlation over ").append(f.path("events").size()).append(" events, ")
                    .append(f.path("group_by").toString());
        }
        String source = f.path("source").asText("");
        JsonNode record = f.path("record_id");
        return new Row(f.path("time").asText(""), f.path("host").asText(""), f.path("level").asText(""),
                f.path("rule_title").asText(""), techniques, f.path("story").isTextual() ? f.path("story").asText() : null,
                details.toString(), record.isNumber() ? source + " #" + record.asLong() : source);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
