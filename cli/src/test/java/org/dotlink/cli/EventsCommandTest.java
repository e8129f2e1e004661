package org.dotlink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code dotlink events} in-process over folders of real and damaged EVTX files. */
class EventsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private record Run(int exit, String err, List<JsonNode> lines) {}

    private Run events(String... args) throws Exception {
        CommandLine cli = Dotlink.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "events";
        System.arraycopy(args, 0, full, 1, args.length);
        int exit = cli.execute(full);
        List<JsonNode> lines = new ArrayList<>();
        Path out = tmp.resolve("out.jsonl");
        if (Files.exists(out)) {
            for (String line : Files.readAllLines(out)) {
                lines.add(JSON.readTree(line));
            }
        }
        return new Run(exit, err.toString(), lines);
    }

    private static List<Event> records(byte[] file, String name) {
        List<Event> events = new ArrayList<>();
        for (EventBatch b : EvtxReader.readAll(new ByteArrayInputStream(file), name)) {
            events.addAll(b.events());
        }
        return events;
    }

    @Test
    void damagedAndForeignFilesAreReportedAndTheRestIsRead() throws Exception {
        Path data = SharedData.dir();
        byte[] big = Files.readAllBytes(data.resolve("evtx-samples-extra/DeepBlueCLI/password-spray.evtx"));
        byte[] small = Files.readAllBytes(data.resolve(
                "evtx-attack-samples/Credential Access/CA_DCSync_4662.evtx"));
        Path logs = Files.createDirectories(tmp.resolve("logs with spaces"));
        Files.write(logs.resolve("a big.evtx"), big);
        Files.write(logs.resolve("b small.evtx"), small);
        // Cut inside the third chunk: chunks 0 and 1 stay whole.
        int cut = 4096 + 2 * 65536 + 3000;
        Files.write(logs.resolve("c broken.evtx"), Arrays.copyOf(big, cut));
        Files.write(logs.resolve("d empty.evtx"), new byte[0]);
        Files.writeString(logs.resolve("e notes.txt"), "not a log");

        Run run = events(logs.toString(), "--out", tmp.resolve("out.jsonl").toString());

        List<Event> bigRecords = records(big, "big");
        List<Event> smallRecords = records(small, "small");
        long intactBroken = bigRecords.stream().filter(e -> e.offset() < 4096 + 2 * 65536).count();
        long beforeCut = bigRecords.stream().filter(e -> e.offset() < cut).count();
        long fromBroken = countFrom(run.lines(), "c broken.evtx");
        assertEquals(1, run.exit(), run.err());
        assertEquals(bigRecords.size(), countFrom(run.lines(), "a big.evtx"));
        assertEquals(smallRecords.size(), countFrom(run.lines(), "b small.evtx"));
        assertTrue(fromBroken >= intactBroken && fromBroken <= beforeCut,
                "every record of the chunks before the cut is read, none after it: " + fromBroken);
        assertEquals(bigRecords.size() + smallRecords.size() + fromBroken, run.lines().size());
        List<JsonNode> broken = run.lines().stream().filter(l -> l.get("source").asText().endsWith("c broken.evtx")).toList();
        for (int i = 0; i < broken.size(); i++) {
            assertEquals(bigRecords.get(i).recordId(), broken.get(i).get("record_id").asLong(), "record " + i);
        }
        assertTrue(run.err().contains("c broken.evtx: chunk 2 at offset 0x"), run.err());
        assertTrue(run.err().contains("d empty.evtx: offset 0x0: error: empty file"), run.err());
        assertTrue(run.err().contains("1 skipped as unknown format"), run.err());
        assertTrue(run.err().contains("2 damaged inputs"), run.err());

        JsonNode first = run.lines().get(0);
        Event expected = bigRecords.get(0);
        assertEquals(logs.resolve("a big.evtx").toString(), first.get("source").asText());
        assertEquals(expected.recordId(), first.get("record_id").asLong());
        assertEquals(expected.eventId(), first.get("event_id").asInt());
        assertEquals(expected.host(), first.get("host").asText());
        assertEquals(expected.channel(), first.get("channel").asText());
        assertEquals(expected.time(), first.get("time").asText());
        assertEquals(expected.fieldCount(), first.get("fields").size());
    }

    @Test
    void cleanInputExitsZeroAndKeepsFileOrder() throws Exception {
        Path data = SharedData.dir();
        Path file = data.resolve("evtx-samples-extra/DeepBlueCLI/many-events-application.evtx");
        Run run = events(file.toString(), "--out", tmp.resolve("out.jsonl").toString(), "--threads", "2");
        List<Event> expected = records(Files.readAllBytes(file), "x");
        assertEquals(0, run.exit(), run.err());
        assertEquals(expected.size(), run.lines().size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).recordId(), run.lines().get(i).get("record_id").asLong(), "line " + i);
        }
    }

    @Test
    void archivesAreReadMemberByMemberAndNamedPathHashMember() throws Exception {
        Path data = SharedData.dir();
        byte[] evtx = Files.readAllBytes(data.resolve("evtx-attack-samples/Credential Access/CA_DCSync_4662.evtx"));
        byte[] iis = Files.readAllBytes(data.resolve("evtx-attack-samples/Command and Control/Tunna_rdp_tunnel_IIS.log"));
        Path zip = tmp.resolve("collection.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("dc01/security.evtx"));
            z.write(evtx);
            z.putNextEntry(new java.util.zip.ZipEntry("__MACOSX/dc01/._security.evtx"));
            z.write(new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
            z.putNextEntry(new java.util.zip.ZipEntry("exch01/u_ex190903.log"));
            z.write(iis);
            z.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            z.write("collected by the IR team".getBytes());
        }
        java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream g = new java.util.zip.GZIPOutputStream(gz)) {
            g.write(iis);
        }
        byte[] whole = gz.toByteArray();
        Files.write(tmp.resolve("u_ex190903.log.gz"), Arrays.copyOf(whole, whole.length / 2)); // truncated

        Run run = events(zip.toString(), tmp.resolve("u_ex190903.log.gz").toString(), "--out", tmp.resolve("out.jsonl").toString());

        long evtxRecords = records(evtx, "x").size();
        assertEquals(1, run.exit(), run.err());
        assertEquals(evtxRecords, countFrom(run.lines(), "collection.zip#dc01/security.evtx"));
        assertEquals(4298, countFrom(run.lines(), "collection.zip#exch01/u_ex190903.log"));
        long fromTruncated = countFrom(run.lines(), "u_ex190903.log.gz#u_ex190903.log");
        assertTrue(fromTruncated > 1000 && fromTruncated < 4298, "what came before the cut is read: " + fromTruncated);
        assertTrue(run.err().contains("u_ex190903.log.gz#u_ex190903.log"), run.err());
        assertTrue(run.err().contains("1 skipped as unknown format"), run.err()); // readme.txt
        assertTrue(run.err().contains("1 archive entries skipped"), run.err()); // the resource fork
    }

    @Test
    void jsonExportsInsideArchivesAreRecognisedAndReadLineByLine() throws Exception {
        Path data = SharedData.dir();
        Path zip = data.resolve("mordor/windows/other/aptsimulator_cobaltstrike.zip");
        Path tgz = data.resolve("mordor/windows/defense_evasion/host/empire_enable_rdp.tar.gz");
        long zipLines = 0;
        try (java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.getName().contains("__MACOSX") && !e.isDirectory()) {
                    zipLines += new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                            .filter(l -> !l.isBlank()).count();
                }
            }
        }

        Run run = events(zip.toString(), tgz.toString(), "--out", tmp.resolve("out.jsonl").toString());

        assertEquals(0, run.exit(), run.err());
        assertEquals(zipLines, countFrom(run.lines(), zip.getFileName() + "#aptsimulator_cobaltstrike_2021-06-11T21081492.json"));
        assertTrue(run.lines().stream().anyMatch(l -> l.get("source").asText().startsWith(tgz.toString() + "#")),
                "the Winlogbeat 6.x export inside the .tar.gz is read");
        JsonNode first = run.lines().get(0);
        assertTrue(first.get("event_id").asInt() > 0, first.toString());
        assertTrue(first.get("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{7}Z"), first.toString());
    }

    @Test
    void recoverAddsTheRecordsCarvedFromSlackAfterEachFilesOwnAndCountsThem() throws Exception {
        Path data = SharedData.dir();
        Path carved = data.resolve("evtx-attack-samples/AutomatedTestingTools/Malware/rundll32_hollowing_wermgr_masquerading.evtx");
        // Its slack holds only identical copies of its allocated records: nothing is recovered from it.
        Path copies = data.resolve("evtx-attack-samples/Defense Evasion/DE_1102_security_log_cleared.evtx");
        List<Event> allocated = records(Files.readAllBytes(carved), "x");
        List<Event> recovered = new ArrayList<>();
        for (EventBatch b : EvtxReader.readAll(new ByteArrayInputStream(Files.readAllBytes(carved)), "x", true)) {
            b.events().stream().filter(Event::recovered).forEach(recovered::add);
        }
        assertTrue(recovered.size() > 100, "the sample's slack holds records: " + recovered.size());

        Run run = events(carved.toString(), copies.toString(), "--recover", "--out", tmp.resolve("out.jsonl").toString());

        assertEquals(0, run.exit(), run.err());
        List<JsonNode> fromCarved = run.lines().stream().filter(l -> l.get("source").asText().equals(carved.toString())).toList();
        assertEquals(allocated.size() + recovered.size(), fromCarved.size());
        for (int i = 0; i < fromCarved.size(); i++) {
            boolean isRecovered = i >= allocated.size();
            assertEquals(isRecovered, fromCarved.get(i).path("recovered").asBoolean(false), "line " + i + ": " + fromCarved.get(i));
            Event e = isRecovered ? recovered.get(i - allocated.size()) : allocated.get(i);
            assertEquals(e.recordId(), fromCarved.get(i).get("record_id").asLong(), "line " + i);
        }
        assertEquals(records(Files.readAllBytes(copies), "x").size(), countFrom(run.lines(), "DE_1102_security_log_cleared.evtx"));
        assertTrue(run.err().contains(carved + ": " + recovered.size() + " records recovered"), run.err());
        assertFalse(run.err().contains("DE_1102_security_log_cleared.evtx: "), run.err());
        assertTrue(run.err().contains("(" + recovered.size() + " recovered)"), run.err());

        Run without = events(carved.toString(), "--out", tmp.resolve("out.jsonl").toString());
        assertEquals(allocated.size(), without.lines().size(), "without --recover, the allocated records only");
        assertTrue(without.lines().stream().noneMatch(l -> l.has("recovered")));
        assertFalse(without.err().contains("recovered"), without.err());
    }

    @Test
    void badUsageExitsTwo() throws Exception {
        assertEquals(2, events("--no-such-option").exit());
        assertEquals(2, events().exit()); // no PATH
        assertEquals(2, events("--threads", "many", "x").exit());
    }

    private static long countFrom(List<JsonNode> lines, String fileName) {
        return lines.stream().filter(l -> l.get("source").asText().endsWith(fileName)).count();
    }
}
