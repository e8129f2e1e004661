package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.ingest.archive.ArchiveReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real exports from the Mordor / Security-Datasets project, read straight from their archives (each
 * member streamed into the reader, which must neither close it nor read past it): one event per
 * non-empty line, no problems, the System values present, every EventData key of the line kept with
 * its value, and none of the shipper's metadata taken for event data.
 */
class MordorJsonTest {

    private static final ObjectMapper TREES = new ObjectMapper();
    private static final Pattern CANONICAL_TIME = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z");

    /** Fields no event may have: shipper metadata and renderings, or Winlogbeat sections taken whole. */
    private static final Set<String> NOT_EVENT_FIELDS = Set.of("Message", "message", "EventReceivedTime", "EventTime",
            "SourceModuleName", "SourceModuleType", "@timestamp", "@version", "@metadata", "host", "port", "tags", "type",
            "Severity", "SeverityValue", "Category", "EventTypeOrignal", "AccountName", "AccountType", "Domain", "beat",
            "level", "log_name", "event_data", "user_data", "computer_name", "record_number", "source_name", "Hostname",
            "SourceName", "ProviderGuid", "RecordNumber", "ExecutionProcessID", "ThreadID", "UserID", "OpcodeValue",
            "ERROR_EVT_UNRESOLVED", "xml_name");

    /** Top-level keys of a flat line that are not EventData (they map to System fields or are left out). */
    private static final Set<String> FLAT_NOT_DATA = Set.of("EventID", "Channel", "Hostname", "SourceName", "ProviderGuid",
            "RecordNumber", "Level", "Task", "OpcodeValue", "Opcode", "Keywords", "Version", "ExecutionProcessID",
            "ExecutionThreadID", "UserID", "ActivityID", "RelatedActivityID", "TimeCreated", "EventTime",
            "EventReceivedTime", "@timestamp", "Message", "Category", "Severity", "SeverityValue", "SourceModuleName",
            "SourceModuleType", "Domain", "AccountName", "AccountType", "ERROR_EVT_UNRESOLVED", "EventTypeOrignal",
            "@version", "message", "host", "port", "tags", "type");

    @ParameterizedTest
    @ValueSource(strings = {
        // NXLog through Logstash (EventTime local, @timestamp at arrival)
        "mordor/windows/discovery/host/empire_shell_net_local_users.zip",
        // flat with TimeCreated, Level and hex Keywords
        "mordor/windows/other/aptsimulator_cobaltstrike.zip",
        // Winlogbeat 6.7 (event_data, log_name, computer_name), a truncated .tar.gz whose member is whole
        "mordor/windows/defense_evasion/host/empire_enable_rdp.tar.gz"})
    void everyLineOfARealDatasetIsOneEventWithItsData(String dataset) throws Exception {
        Path archive = JsonRead.sharedDataOrSkip().resolve(dataset);
        assertTrue(Files.isRegularFile(archive), "missing " + archive);
        List<Member> members = members(archive);
        assertEquals(1, members.size(), "one JSON member in " + dataset);
        Member m = members.get(0);

        JsonRead.Result r = JsonRead.read(new ByteArrayInputStream(m.bytes()), dataset + "#" + m.name(),
                JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
        List<String> lines = nonEmptyLines(m.bytes());
        assertEquals(List.of(), r.problems());
        assertEquals(JsonLayout.NDJSON, r.layout());
        assertEquals(lines.size(), r.events().size(), "events = non-empty lines");
        assertTrue(r.tasks() > 1, "the dataset is read in several blocks");

        for (int i = 0; i < lines.size(); i++) {
            Event e = r.events().get(i);
            JsonNode line = TREES.readTree(lines.get(i));
            Map<String, List<String>> f = JsonRead.fields(e);
            String where = dataset + " event " + i;
            assertTrue(e.eventId() > 0, where + " EventID");
            assertFalse(e.channel().isEmpty(), where + " Channel");
            assertFalse(e.host().isEmpty(), where + " Computer");
            assertTrue(CANONICAL_TIME.matcher(e.time()).matches(), where + " time " + e.time());
            for (String name : f.keySet()) {
                assertFalse(NOT_EVENT_FIELDS.contains(name), where + " has shipper field " + name);
            }
            // Every EventData key of the line is there, with its value.
            boolean winlogbeat = line.has("log_name");
            JsonNode data = winlogbeat ? line.path("event_data") : line;
            for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> kv = it.next();
                String key = kv.getKey();
                if (!winlogbeat && (FLAT_NOT_DATA.contains(key) || isNxlogMeta(key, kv.getValue()))) {
                    continue;
                }
                String expected = kv.getValue().isNull() ? "" : kv.getValue().asText();
                String ours = f.containsKey(key) ? f.get(key).get(0) : null;
                assertTrue(expected.equals(ours) || expected.equalsIgnoreCase(ours) && expected.startsWith("{"),
                        where + " " + key + ": line has \"" + expected + "\", event has \"" + ours + "\"");
            }
            if (line.has("EventID") || line.has("event_id")) {
                assertEquals((line.has("EventID") ? line.get("EventID") : line.get("event_id")).asText(),
                        f.get("EventID").get(0), where);
            }
            JsonNode record = line.has("RecordNumber") ? line.get("RecordNumber") : line.get("record_number");
            if (record != null) {
                assertEquals(record.asText(), f.get("EventRecordID").get(0), where);
            }
        }
        System.out.println(dataset + ": " + r.events().size() + " lines, " + r.events().size() + " events, "
                + r.tasks() + " tasks, 0 problems");
    }

    /** NXLog's EventType (AUDIT_SUCCESS, INFO, ...) and a numeric ProcessID/ThreadID/Version are its own. */
    private static boolean isNxlogMeta(String key, JsonNode v) {
        return key.equals("EventType") && Set.of("AUDIT_SUCCESS", "AUDIT_FAILURE", "INFO", "WARNING", "ERROR", "CRITICAL",
                "VERBOSE", "DEBUG").contains(v.asText())
                || (key.equals("ProcessID") || key.equals("ThreadID") || key.equals("Version")) && v.isNumber();
    }

    /**
     * Every Mordor dataset (121 archives, about 670k events, 1.7 GB of JSON): one event per non-empty
     * line of every member, no problems. Prints the totals and the System values some exports lack.
     */
    @Test
    void everyMordorDataset() throws Exception {
        Path root = JsonRead.sharedDataOrSkip().resolve("mordor").resolve("windows");
        List<Path> archives;
        try (Stream<Path> s = Files.walk(root)) {
            archives = s.filter(p -> p.toString().endsWith(".zip") || p.toString().endsWith(".tar.gz")).sorted().toList();
        }
        long lines = 0;
        long events = 0;
        long bytes = 0;
        long problems = 0;
        Map<String, Long> missing = new TreeMap<>();
        List<String> problemList = new ArrayList<>();
        for (Path a : archives) {
            for (Member m : members(a)) {
                JsonRead.Result r = JsonRead.read(new ByteArrayInputStream(m.bytes()), a.getFileName() + "#" + m.name(),
                        JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
                bytes += m.bytes().length;
                lines += nonEmptyLines(m.bytes()).size();
                events += r.events().size();
                problems += r.problems().size();
                r.problems().stream().limit(5).forEach(p -> problemList.add(p.toString()));
                for (Event e : r.events()) {
                    for (String f : List.of("EventID", "Channel", "Computer", "TimeCreated_SystemTime", "Provider_Name",
                            "EventRecordID")) {
                        if (e.raw(f) == null) {
                            missing.merge(f, 1L, Long::sum);
                        }
                    }
                }
            }
        }
        System.out.println("every Mordor dataset: " + archives.size() + " archives, " + bytes / 1_000_000 + " MB, "
                + lines + " non-empty lines, " + events + " events, " + problems + " problems; events without: " + missing);
        problemList.forEach(System.out::println);
        assertEquals(121, archives.size());
        assertEquals(lines, events);
        assertEquals(0, problems);
    }

    // ---- archives, through the ingest layer's own archive reader ----------------------------------

    record Member(String name, byte[] bytes) {}

    static List<Member> members(Path archive) throws IOException {
        List<Member> out = new ArrayList<>();
        try (ArchiveReader reader = ArchiveReader.open(archive, archive.getFileName().toString())) {
            while (reader.hasNext()) {
                org.dotlink.ingest.archive.Member m = reader.next();
                out.add(new Member(m.name(), m.content().readAllBytes()));
            }
            assertEquals(List.of(), reader.problems(), "archive problems in " + archive);
        }
        return out;
    }

    static List<String> nonEmptyLines(byte[] bytes) {
        List<String> out = new ArrayList<>();
        for (String l : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            if (!l.isBlank()) {
                out.add(l);
            }
        }
        return out;
    }
}
