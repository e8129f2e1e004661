package org.dotlink.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dotlink.cli.Dotlink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The scenario generator: the same seed gives the same bytes, and what it writes is read by Dotlink's
 * readers without a problem, one event per line, with fields as Sysmon, Windows and IIS write them.
 */
class ScenarioGeneratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern GUID = Pattern.compile("\\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}}");
    private static final Pattern HEX = Pattern.compile("0x[0-9a-f]+");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        ScenarioGenerator.generate(tmp.resolve("a/logs"), tmp.resolve("a/ground-truth.json"), 7, 0.05);
        ScenarioGenerator.generate(tmp.resolve("b/logs"), tmp.resolve("b/ground-truth.json"), 7, 0.05);
        List<Path> a = files(tmp.resolve("a"));
        List<Path> b = files(tmp.resolve("b"));
        assertEquals(a, b);
        assertTrue(a.size() > 50, "files: " + a);
        for (Path p : a) {
            assertEquals(-1, Files.mismatch(tmp.resolve("a").resolve(p), tmp.resolve("b").resolve(p)), p.toString());
        }
        ScenarioGenerator.generate(tmp.resolve("c/logs"), tmp.resolve("c/ground-truth.json"), 8, 0.05);
        assertNotEquals(-1, Files.mismatch(tmp.resolve("a/logs/nxlog/WS-ENG02.json"), tmp.resolve("c/logs/nxlog/WS-ENG02.json")));
    }

    private static List<Path> files(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }

    @Test
    void everyLineIsReadAsAnEventWithFieldsAsWindowsWritesThem() throws Exception {
        Path logs = tmp.resolve("logs");
        ScenarioGenerator.Result g = ScenarioGenerator.generate(logs, tmp.resolve("ground-truth.json"), 1, 0.05);
        long lines = 0;
        for (Path p : files(logs)) {
            for (String line : Files.readAllLines(logs.resolve(p), StandardCharsets.UTF_8)) {
                lines += line.startsWith("#") ? 0 : 1;
            }
        }
        assertEquals(g.events(), lines);

        Path out = tmp.resolve("events.jsonl");
        CommandLine cli = Dotlink.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        assertEquals(0, cli.execute("events", logs.toString(), "--out", out.toString(), "--quiet"), err.toString());
        assertEquals("", err.toString(), "no problems");

        long events = 0;
        Set<String> shapesWithProcessStarts = new TreeSet<>();
        Set<String> webHosts = new TreeSet<>();
        Map<String, String> imageOfGuid = new HashMap<>();
        int parentsChecked = 0;
        try (BufferedReader in = Files.newBufferedReader(out)) {
            String line;
            while ((line = in.readLine()) != null) {
                events++;
                JsonNode e = JSON.readTree(line);
                JsonNode f = e.path("fields");
                String source = e.path("source").asText();
                String channel = e.path("channel").asText();
                long time = Instant.parse(e.path("time").asText()).toEpochMilli();
                assertTrue(time >= ScenarioTime.START - ScenarioTime.HOUR && time < ScenarioTime.END + ScenarioTime.DAY, line);
                if (channel.equals("Microsoft-Windows-Sysmon/Operational")) {
                    long utc = LocalDateTime.parse(f.path("UtcTime").asText(), UTC_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
                    assertTrue(Math.abs(time - utc) < 1000, "UtcTime within the second of TimeCreated: " + line);
                    if (e.path("event_id").asInt() == 1) {
                        shapesWithProcessStarts.add(source.contains("/nxlog/") ? "nxlog" : "winlogbeat");
                        assertTrue(GUID.matcher(f.path("ProcessGuid").asText()).matches(), line);
                        assertTrue(GUID.matcher(f.path("ParentProcessGuid").asText()).matches(), line);
                        assertTrue(HEX.matcher(f.path("LogonId").asText()).matches(), line);
                        assertTrue(f.path("Hashes").asText().contains(",SHA256="), line);
                        assertTrue(f.path("User").asText().contains("\\"), line);
                        String host = e.path("host").asText();
                        String parent = imageOfGuid.get(host + f.path("ParentProcessGuid").asText());
                        if (parent != null) {
                            assertEquals(parent, f.path("ParentImage").asText(), "the parent is the process of that GUID: " + line);
                            parentsChecked++;
                        }
                        imageOfGuid.put(host + f.path("ProcessGuid").asText(), f.path("Image").asText());
                    }
                } else if (channel.equals("Security") && e.path("event_id").asInt() == 4624) {
                    assertTrue(HEX.matcher(f.path("TargetLogonId").asText()).matches(), line);
                    assertTrue(f.path("LogonType").asText().matches("\\d+"), line);
                    assertTrue(f.has("IpAddress") && f.has("WorkstationName") && f.has("TargetUserName"), line);
                } else if (channel.equals("W3C")) {
                    webHosts.add(e.path("host").asText());
                    assertTrue(f.path("cs-uri-query").asText().contains("cafeReqId="), line);
                }
            }
        }
        assertEquals(g.events(), events, "one event per line");
        assertEquals(Set.of("nxlog", "winlogbeat"), shapesWithProcessStarts);
        assertEquals(Set.of("EXCH01", "EXCH02"), webHosts);
        assertTrue(parentsChecked > 2_000, "parents checked: " + parentsChecked);
    }
}
