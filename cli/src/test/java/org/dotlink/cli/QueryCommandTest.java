package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.core.EventRef;
import org.dotlink.core.FieldNames;
import org.dotlink.core.Finding;
import org.dotlink.core.Level;
import org.dotlink.core.RecordIdentity;
import org.dotlink.core.RuleInfo;
import org.dotlink.store.Store;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code dotlink query} in-process over a small store written by the test. */
class QueryCommandTest {

    private static final RecordIdentity BY_NAME = source -> source;
    private static final RuleInfo LSASS = new RuleInfo("lsass-dump", "LSASS Memory Dump", Level.HIGH,
            List.of("T1003.001"), List.of("credential-access"), List.of());
    private static final RuleInfo WHOAMI = new RuleInfo("whoami", "Whoami Execution", Level.LOW,
            List.of("T1033"), List.of("discovery"), List.of());
    private static final RuleInfo SPRAY = new RuleInfo("spray", "Password Spray", Level.MEDIUM,
            List.of("T1110.003", "T1110"), List.of("credential-access"), List.of());

    @TempDir
    Path tmp;

    private Path db;

    private static Event event(String source, long recordId, String host, String time, String commandLine) {
        return Event.builder(source).offset(recordId * 100)
                .add(FieldNames.EVENT_ID, "4688").add(FieldNames.EVENT_RECORD_ID, Long.toString(recordId))
                .add(FieldNames.COMPUTER, host).add(FieldNames.CHANNEL, "Security")
                .add(FieldNames.TIME_CREATED, time).add("CommandLine", commandLine).build();
    }

    @BeforeEach
    void smallStore() {
        db = tmp.resolve("hunt.duckdb");
        Event e1 = event("dc.evtx", 1, "DC01", "2021-03-02T10:00:00.1234567Z", "procdump -ma lsass.exe out.dmp");
        Event e2 = event("dc.evtx", 2, "DC01", "2021-03-02T10:05:00.0000000Z", "rundll32 comsvcs.dll, MiniDump \"x\"\n2");
        Event e3 = event("ws.evtx", 3, "WS1", "2021-03-02T11:00:00.0000000Z", "whoami /all\u001b[31m");
        List<EventRef> spray = List.of(EventRef.of(e1), EventRef.of(e2));
        try (Store store = Store.open(db)) {
            store.addEvents(List.of(e1, e2, e3), BY_NAME);
            store.addFindings(List.of(
                    new Finding(Detection.of(LSASS, e1), Level.CRITICAL, "domain-controller", "story-1"),
                    Finding.of(Detection.of(LSASS, e2)),
                    Finding.of(Detection.of(WHOAMI, e3)),
                    Finding.of(Detection.correlation(SPRAY, spray, Map.of("IpAddress", "10.0.0.5"), ""))), BY_NAME);
        }
    }

    private static CliRun query(String... args) {
        return CliRun.command("query", args);
    }

    @Test
    void tableCountsPerRuleAndHost() {
        CliRun r = query("--db", db.toString(),
                "SELECT rule_id, host, count(*) AS n FROM findings GROUP BY ALL ORDER BY rule_id");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                rule_id     host  n
                ----------  ----  -
                lsass-dump  DC01  2
                spray       NULL  1
                whoami      WS1   1
                """, r.out());
        assertEquals("", r.err());
    }

    @Test
    void tableShowsTimesListsAndEscapedControlCharacters() {
        CliRun r = query("--db", db.toString(), "SELECT", "record_id, time, techniques, level, fields->>'CommandLine' AS cmd",
                "FROM findings WHERE record_id IS NOT NULL ORDER BY record_id");
        assertEquals(0, r.exit(), r.err());
        assertEquals("""
                record_id  time                         techniques     level     cmd
                ---------  ---------------------------  -------------  --------  -------------------------------------
                        1  2021-03-02T10:00:00.123456Z  ["T1003.001"]  critical  procdump -ma lsass.exe out.dmp
                        2  2021-03-02T10:05:00Z         ["T1003.001"]  high      rundll32 comsvcs.dll, MiniDump "x"\\n2
                        3  2021-03-02T11:00:00Z         ["T1033"]      low       whoami /all\\u001b[31m
                """, r.out());
    }

    @Test
    void csvFollowsRfc4180() {
        CliRun r = query("--db", db.toString(), "--format", "csv", "SELECT record_id, time, techniques, story,"
                + " fields->>'CommandLine' AS cmd FROM findings WHERE record_id IS NOT NULL ORDER BY record_id");
        assertEquals(0, r.exit(), r.err());
        assertEquals("record_id,time,techniques,story,cmd\r\n"
                + "1,2021-03-02T10:00:00.123456Z,\"[\"\"T1003.001\"\"]\",story-1,procdump -ma lsass.exe out.dmp\r\n"
                + "2,2021-03-02T10:05:00Z,\"[\"\"T1003.001\"\"]\",,\"rundll32 comsvcs.dll, MiniDump \"\"x\"\"\n2\"\r\n"
                + "3,2021-03-02T11:00:00Z,\"[\"\"T1033\"\"]\",,whoami /all\u001b[31m\r\n", r.out());
    }

    @Test
    void jsonLinesEmbedJsonColumnsAsJson() {
        CliRun r = query("--db", db.toString(), "--format", "json", "SELECT rule_id, record_id, time, techniques,"
                + " asset_role, recovered, events, fields FROM findings WHERE rule_id IN ('lsass-dump', 'spray')"
                + " ORDER BY record_id NULLS LAST, rule_id");
        assertEquals(0, r.exit(), r.err());
        assertEquals("{\"rule_id\":\"lsass-dump\",\"record_id\":1,\"time\":\"2021-03-02T10:00:00.123456Z\","
                + "\"techniques\":[\"T1003.001\"],\"asset_role\":\"domain-controller\",\"recovered\":false,\"events\":null,"
                + "\"fields\":{\"EventID\":\"4688\",\"EventRecordID\":\"1\",\"Computer\":\"DC01\",\"Channel\":\"Security\","
                + "\"TimeCreated_SystemTime\":\"2021-03-02T10:00:00.1234567Z\","
                + "\"CommandLine\":\"procdump -ma lsass.exe out.dmp\"}}\n"
                + "{\"rule_id\":\"lsass-dump\",\"record_id\":2,\"time\":\"2021-03-02T10:05:00Z\","
                + "\"techniques\":[\"T1003.001\"],\"asset_role\":null,\"recovered\":false,\"events\":null,"
                + "\"fields\":{\"EventID\":\"4688\",\"EventRecordID\":\"2\",\"Computer\":\"DC01\",\"Channel\":\"Security\","
                + "\"TimeCreated_SystemTime\":\"2021-03-02T10:05:00.0000000Z\","
                + "\"CommandLine\":\"rundll32 comsvcs.dll, MiniDump \\\"x\\\"\\n2\"}}\n"
                + "{\"rule_id\":\"spray\",\"record_id\":null,\"time\":\"2021-03-02T10:05:00Z\","
                + "\"techniques\":[\"T1110.003\",\"T1110\"],\"asset_role\":null,\"recovered\":false,"
                + "\"events\":[{\"source\":\"dc.evtx\",\"record_id\":1},{\"source\":\"dc.evtx\",\"record_id\":2}],"
                + "\"fields\":{\"IpAddress\":\"10.0.0.5\"}}\n", r.out());
    }

    @Test
    void aMissingFileIsBadUsage() {
        Path missing = tmp.resolve("nope.duckdb");
        CliRun r = query("--db", missing.toString(), "SELECT 1");
        assertEquals(2, r.exit());
        assertEquals("dotlink query: " + missing + ": no such file\n", r.err().replace(System.lineSeparator(), "\n"));
        assertEquals("", r.out());
        assertTrue(Files.notExists(missing), "a read-only query creates no file");
    }

    @Test
    void aFileThatIsNotADuckDbDatabaseIsNamed() throws Exception {
        Path notes = Files.writeString(tmp.resolve("findings.jsonl"), "{\"rule_id\":\"x\"}\n".repeat(100));
        CliRun r = query("--db", notes.toString(), "SELECT 1");
        assertEquals(2, r.exit());
        assertEquals("dotlink query: " + notes + ": not a DuckDB database\n", r.err().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void sqlErrorsPrintDuckDbsMessage() {
        CliRun syntax = query("--db", db.toString(), "SELEC count(*) FROM findings");
        assertEquals(1, syntax.exit());
        assertTrue(syntax.err().startsWith("dotlink query: Parser Error: syntax error at or near \"SELEC\""), syntax.err());

        CliRun table = query("--db", db.toString(), "SELECT * FROM detections");
        assertEquals(1, table.exit());
        assertTrue(table.err().startsWith("dotlink query: Catalog Error: Table with name detections does not exist"),
                table.err());

        CliRun write = query("--db", db.toString(), "DELETE FROM findings");
        assertEquals(1, write.exit());
        assertTrue(write.err().contains("read-only"), write.err());
        assertEquals("4\n", query("--db", db.toString(), "--format", "csv", "SELECT count(*) AS n FROM findings")
                .out().split("\r\n", 2)[1].replace("\r\n", "\n"), "nothing was deleted");
    }

    @Test
    void missingSqlIsBadUsage() {
        assertEquals(2, query("--db", db.toString()).exit());
        assertEquals(2, query("--db", db.toString(), "--format", "xml", "SELECT 1").exit());
    }
}
