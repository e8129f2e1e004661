package org.dotlink.ingest.w3c;

import static org.dotlink.ingest.w3c.W3cTestSupport.fields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.dotlink.core.Event;
import org.dotlink.ingest.w3c.W3cTestSupport.Read;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The W3C reader on a real IIS log: {@code evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log}
 * (sbousseaden/EVTX-ATTACK-SAMPLES, GPL-3.0), the web-shell side of an RDP tunnel through Tunna.
 * Read in place from the shared data folder (system property {@code dotlink.shared.data}); skipped
 * with a message when it is absent.
 *
 * <p>The file: 4,308 lines with CRLF ends; two header blocks (lines 1-4 and 2601-2604, the same 15
 * fields), a comment on line 5, an empty line 6, and 4,298 data lines.
 */
class W3cSharedLogTest {

    static final String RELATIVE = "evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log";

    static Path file;
    static byte[] bytes;
    static Read read;
    /** The file's lines, split here independently of the reader. */
    static String[] lines;

    @BeforeAll
    static void readTheLog() throws IOException {
        String dir = System.getProperty("dotlink.shared.data");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(),
                "system property dotlink.shared.data is not set (surefire sets it, see pom.xml); test skipped");
        file = Path.of(dir).resolve(RELATIVE).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isRegularFile(file), "shared data file not found at " + file + "; test skipped");
        bytes = Files.readAllBytes(file);
        lines = new String(bytes, StandardCharsets.US_ASCII).split("\r\n", -1);
        try (InputStream in = Files.newInputStream(file)) {
            read = W3cTestSupport.collect(W3cReader.readAll(in, file.toString()));
        }
    }

    @Test
    void oneEventPerDataLineAndNoProblems() {
        assertEquals(List.of(), read.problems());
        // Counted here independently of the reader: lines that are neither directives nor empty.
        List<Long> dataLines = new ArrayList<>();
        assertEquals("", lines[lines.length - 1], "the file ends with CRLF");
        for (int i = 0; i < lines.length - 1; i++) {
            if (!lines[i].isEmpty() && !lines[i].startsWith("#")) {
                dataLines.add(i + 1L);
            }
        }
        assertEquals(4308, lines.length - 1);
        assertEquals(4298, dataLines.size());
        assertEquals(4298, read.events().size());
        assertEquals(dataLines, read.events().stream().map(Event::offset).toList());
        assertEquals(2, read.tasks(), "4,308 lines in blocks of 4,096");
    }

    @Test
    void firstEventFieldByField() {
        Event first = read.events().get(0);
        assertEquals(file.toString(), first.source());
        assertEquals(7, first.offset());
        assertEquals(List.of("TimeCreated_SystemTime=2019-09-03T10:13:36.0000000Z", "Channel=W3C", "Computer=10.0.2.15",
                "date=2019-09-03", "time=10:13:36", "s-ip=10.0.2.15", "cs-method=GET", "cs-uri-stem=/erp/conn.aspx",
                "cs-uri-query=proxy&port=3389&ip=127.0.0.1", "s-port=80", "c-ip=10.0.2.17", "sc-status=200",
                "sc-substatus=0", "sc-win32-status=0", "time-taken=7"), fields(first));
        assertEquals("proxy&port=3389&ip=127.0.0.1", first.field("cs-uri-query").orElseThrow());
        assertEquals("10.0.2.17", first.field("c-ip").orElseThrow());
    }

    @Test
    void spotChecksAcrossTheSecondHeaderBlockAndTheEnd() {
        // line 2600 is the last data line of the first header block, 2605 the first of the second
        Event before = eventAtLine(2600);
        Event after = eventAtLine(2605);
        Event last = read.events().get(read.events().size() - 1);
        assertEquals(2593, read.events().indexOf(before)); // lines 7..2600 are the first 2,594 events
        assertEquals(2594, read.events().indexOf(after));
        assertEquals(4308, last.offset());
        // the last line of the file: "2019-09-03 11:08:51 10.0.2.15 GET /erp/conn.aspx proxy 80 - 10.0.2.17 - - 200 0 0 1"
        assertEquals(List.of("TimeCreated_SystemTime=2019-09-03T11:08:51.0000000Z", "Channel=W3C", "Computer=10.0.2.15",
                "date=2019-09-03", "time=11:08:51", "s-ip=10.0.2.15", "cs-method=GET", "cs-uri-stem=/erp/conn.aspx",
                "cs-uri-query=proxy", "s-port=80", "c-ip=10.0.2.17", "sc-status=200", "sc-substatus=0",
                "sc-win32-status=0", "time-taken=1"), fields(last));
        for (Event e : List.of(before, after)) {
            String line = lineText(e.offset());
            String[] v = line.split(" ");
            assertEquals(15, v.length, line);
            assertEquals(v[0] + "T" + v[1] + ".0000000Z", e.time());
            assertEquals(v[3], e.field("cs-method").orElseThrow());
            assertEquals(v[5], e.field("cs-uri-query").orElseThrow());
            assertEquals(v[14], e.field("time-taken").orElseThrow());
        }
        assertTrue(after.time().compareTo("2019-09-03T11:04:05") > 0, after.time());
    }

    @Test
    void everyEventMatchesItsLineAsWritten() {
        // Independent of the reader: split each data line on spaces and compare value by value.
        String[] names = ("date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent)"
                + " cs(Referer) sc-status sc-substatus sc-win32-status time-taken").split(" ");
        Map<String, Integer> methods = new TreeMap<>();
        for (Event e : read.events()) {
            String[] v = lineText(e.offset()).split(" ");
            List<String> expected = new ArrayList<>(List.of("TimeCreated_SystemTime=" + v[0] + "T" + v[1] + ".0000000Z",
                    "Channel=W3C", "Computer=" + v[2]));
            for (int i = 0; i < names.length; i++) {
                if (!v[i].equals("-")) {
                    expected.add(names[i] + "=" + v[i]);
                }
            }
            assertEquals(expected, fields(e), "line " + e.offset());
            methods.merge(e.field("cs-method").orElseThrow(), 1, Integer::sum);
        }
        assertEquals(4298, methods.values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(Map.of("GET", methods.get("GET"), "POST", methods.get("POST")), methods);
    }

    @Test
    void smallBlocksGiveTheSameEvents() throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            Read small = W3cTestSupport.collect(W3cReader.drain(new W3cReader(in, file.toString(), 97, 4096,
                    W3cReader.MAX_LINE_BYTES)));
            assertEquals(read.eventText(), small.eventText());
            assertEquals(List.of(), small.problems());
            assertTrue(small.tasks() > 44, "blocks of at most 97 lines / 4 KiB: " + small.tasks());
        }
    }

    private static Event eventAtLine(long line) {
        return read.events().stream().filter(e -> e.offset() == line).findFirst().orElseThrow();
    }

    /** Line {@code line} (1-based) of the file, without its CRLF. */
    private static String lineText(long line) {
        return lines[(int) line - 1];
    }
}
