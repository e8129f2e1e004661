package org.dotlink.ingest.evtx;

import static org.dotlink.ingest.evtx.SyntheticEvtx.T_BIN_XML;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_FILETIME;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_GUID;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_HEX_INT64;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_SID;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_STRING;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_UINT16;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_UINT32;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_UINT64;
import static org.dotlink.ingest.evtx.SyntheticEvtx.T_UINT8;
import static org.dotlink.ingest.evtx.SyntheticEvtx.ansi;
import static org.dotlink.ingest.evtx.SyntheticEvtx.attr;
import static org.dotlink.ingest.evtx.SyntheticEvtx.binXml;
import static org.dotlink.ingest.evtx.SyntheticEvtx.data;
import static org.dotlink.ingest.evtx.SyntheticEvtx.el;
import static org.dotlink.ingest.evtx.SyntheticEvtx.filetime;
import static org.dotlink.ingest.evtx.SyntheticEvtx.guid;
import static org.dotlink.ingest.evtx.SyntheticEvtx.hexInt64;
import static org.dotlink.ingest.evtx.SyntheticEvtx.instance;
import static org.dotlink.ingest.evtx.SyntheticEvtx.nul;
import static org.dotlink.ingest.evtx.SyntheticEvtx.opt;
import static org.dotlink.ingest.evtx.SyntheticEvtx.string;
import static org.dotlink.ingest.evtx.SyntheticEvtx.sub;
import static org.dotlink.ingest.evtx.SyntheticEvtx.uint16;
import static org.dotlink.ingest.evtx.SyntheticEvtx.uint32;
import static org.dotlink.ingest.evtx.SyntheticEvtx.uint64;
import static org.dotlink.ingest.evtx.SyntheticEvtx.uint8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.SyntheticEvtx.Element;
import org.dotlink.ingest.evtx.SyntheticEvtx.Node;
import org.dotlink.ingest.evtx.SyntheticEvtx.Template;
import org.dotlink.ingest.evtx.SyntheticEvtx.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The carver over chunks written by {@link SyntheticEvtx}, where what is in the slack, what is
 * overwritten and what only looks like a record are known exactly. It must take what is real and
 * nothing else.
 *
 * <p>The file ({@link #build}):
 * <ul>
 *   <li>chunk 0: records 100 to 106 were written, then the chunk was started again and records 1
 *       and 2 were written over them, ending 16 bytes into record 102. Record 100 (which defined the
 *       templates OLD_SYSTEM and PROCESS and the common names) and 101 (which defined SYSTEM) are
 *       gone; 102 is overwritten in the middle: its head is gone, its tail (which defines the template
 *       CONNECTION, and holds a string with a record signature) is still there. 103 to 106 are whole,
 *       and 104 holds in its data a complete copy of another record's frame. Record 2 (allocated)
 *       holds a fake frame too;</li>
 *   <li>chunk 1: records 7 and 8; in its slack an identical copy of record 8 (a copy, not a record
 *       of its own), a copy of record 7 with one character changed (a different record with the same
 *       id; record 7 defines its templates and names inline, so the copy's offsets to them point
 *       where record 7 is), and the first 200 bytes of record 8 where the chunk ends (a frame cut by
 *       the chunk end);</li>
 *   <li>chunk 2: records 20 and 21, its signature zeroed (a chunk whose header is damaged);</li>
 *   <li>chunk 3: records 30 and 31, its signature zeroed, past the file header's chunk count of 3.</li>
 * </ul>
 */
class SlackCarverTest {

    static final String NS = "http://schemas.microsoft.com/win/2004/08/events/event";
    static final String PROVIDER_GUID = "{0D5A6F5E-1B2C-4D3E-8F90-A1B2C3D4E5F6}";
    static final String FILE_NAME = "carving.evtx";
    static final int FAKE_RECORD_ID = 999_999;

    /** The System section as Windows lays out its values (see {@link SlackCarver#isSystemLayout}). */
    static final Element SYSTEM = el("System",
            el("Provider", attr("Name", sub(14, T_STRING)), attr("Guid", sub(15, T_GUID))),
            el("EventID", attr("Qualifiers", opt(4, T_UINT16)), sub(3, T_UINT16)),
            el("Version", sub(11, T_UINT8)),
            el("Level", sub(0, T_UINT8)),
            el("Task", sub(2, T_UINT16)),
            el("Opcode", sub(1, T_UINT8)),
            el("Keywords", sub(5, T_HEX_INT64)),
            el("TimeCreated", attr("SystemTime", sub(6, T_FILETIME))),
            el("EventRecordID", sub(10, T_UINT64)),
            el("Correlation", attr("ActivityID", opt(7, T_GUID)), attr("RelatedActivityID", opt(13, T_GUID))),
            el("Execution", attr("ProcessID", sub(8, T_UINT32)), attr("ThreadID", sub(9, T_UINT32))),
            el("Channel", sub(16, T_STRING)),
            el("Computer", "host1.example.test"),
            el("Security", attr("UserID", opt(12, T_SID))));

    static final Template OUTER = new Template("{44444444-5555-6666-7777-888888888888}",
            el("Event", attr("xmlns", NS), SYSTEM, sub(17, T_BIN_XML)));
    /** Another outer template (another GUID), defined only by record 100, which is overwritten. */
    static final Template OLD_SYSTEM = new Template("{77777777-5555-6666-7777-888888888888}",
            el("Event", attr("xmlns", NS), SYSTEM, sub(17, T_BIN_XML)));
    static final Template PROCESS = new Template("{55555555-6666-7777-8888-999999999999}",
            el("EventData", data("User", sub(0, T_STRING)), data("CommandLine", sub(1, T_STRING))));
    /** Names of its own, so that its definition (in record 102's tail) reads whole from the slack. */
    static final Template CONNECTION = new Template("{66666666-7777-8888-9999-AAAAAAAAAAAA}",
            el("UserData", el("NetConnect", el("DestIp", sub(0, T_STRING)), el("DestPort", sub(1, T_UINT16)))));
    static final Template LOGON = new Template("{88888888-7777-8888-9999-AAAAAAAAAAAA}",
            el("EventData", data("TargetUserName", sub(0, T_STRING)), data("Comment", opt(1, T_STRING))));

    static byte[] bytes;
    /** Chunk-relative offsets of records 100..106 in chunk 0, and of 1, 2. */
    static List<Integer> chunk0;
    static List<Integer> chunk1;
    static List<Integer> chunk2;
    static List<Integer> chunk3;
    static int fakeInRecord104;
    static int fakeInRecord2;
    static List<EventBatch> recovering;
    static List<EventBatch> plain;

    @BeforeAll
    static void writeAndRead() {
        bytes = build();
        recovering = EvtxReader.readAll(new ByteArrayInputStream(bytes), FILE_NAME, true);
        plain = EvtxReader.readAll(new ByteArrayInputStream(bytes), FILE_NAME);
    }

    static Value[] system(long recordId, int eventId, Value eventData) {
        return new Value[] {
            uint8(4), uint8(0), uint16(0), uint16(eventId), nul(), hexInt64(0x8000000000000000L),
            filetime("2024-02-29T13:00:00.0000001Z"), nul(), uint32(4), uint32(8), uint64(recordId), uint8(0), nul(),
            nul(), string("Dotlink-Synthetic"), guid(PROVIDER_GUID), string("Dotlink/Synthetic"), eventData,
        };
    }

    static Node record(Template outer, long id, int eventId, Node eventData) {
        return instance(outer, system(id, eventId, binXml(eventData)));
    }

    static Node process(long id, String user, String commandLine) {
        return record(OUTER, id, 1, instance(PROCESS, string(user), string(commandLine)));
    }

    static Node connection(Template outer, long id, String ip, int port) {
        return record(outer, id, 3, instance(CONNECTION, string(ip), uint16(port)));
    }

    /**
     * The bytes of a complete record frame (record {@link #FAKE_RECORD_ID} of another file) as the
     * characters of a string value: a fake record inside event data.
     */
    static String fakeFrame() {
        SyntheticEvtx.File other = new SyntheticEvtx.File();
        other.chunk().record(FAKE_RECORD_ID, "2024-01-01T00:00:00Z", process(FAKE_RECORD_ID, "mallory", "fake"));
        byte[] b = other.bytes();
        int at = SyntheticEvtx.FILE_HEADER_SIZE + SyntheticEvtx.CHUNK_HEADER_SIZE;
        int size = LittleEndian.i32(b, at + 4);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < size; i += 2) {
            s.append((char) LittleEndian.u16(b, at + i));
        }
        return s.toString();
    }

    /** A string that holds the record signature and a size, but no frame: the size's copy is not there. */
    static String brokenSignature() {
        return "\u2a2a\u0000\u0100\u0000 just text";
    }

    /**
     * Writes the file of the class comment. The padding before each fake frame is chosen so that it
     * starts at an 8-byte boundary (where the carver looks), and the length of record 1's user name so
     * that the new records end exactly 16 bytes into record 102 (records are padded to 8 bytes, so it
     * moves record 2 by multiples of 8).
     */
    static byte[] build() {
        String fake = fakeFrame();
        int c0 = SyntheticEvtx.FILE_HEADER_SIZE;
        for (int pad104 = 0; pad104 < 8; pad104++) {
            for (int pad2 = 0; pad2 < 8; pad2++) {
                byte[] b = build(fake, pad104, pad2, 1);
                if (find(b, c0, chunk0.get(4)) % 8 != 0 || find(b, c0, chunk0.get(8)) % 8 != 0) {
                    continue;
                }
                int missing = chunk0.get(2) + 16 - LittleEndian.i32(b, c0 + 48);
                if (missing < 0) {
                    throw new IllegalStateException("the new records already end " + -missing + " bytes past 102 + 16");
                }
                for (int name = 1 + missing / 2 - 3; name <= 1 + missing / 2 + 3; name++) {
                    b = build(fake, pad104, pad2, Math.max(1, name));
                    if (LittleEndian.i32(b, c0 + 48) == chunk0.get(2) + 16) {
                        fakeInRecord104 = find(b, c0, chunk0.get(4));
                        fakeInRecord2 = find(b, c0, chunk0.get(8));
                        return b;
                    }
                }
            }
        }
        throw new IllegalStateException("no layout puts the fakes on 8-byte boundaries and the end of the new records in 102");
    }

    /** The chunk offset of the fake frame (its signature) inside the record at chunk offset {@code from}. */
    private static int find(byte[] b, int chunk, int from) {
        for (int p = from + 24; p < SyntheticEvtx.CHUNK_SIZE - 16; p++) {
            if (LittleEndian.i32(b, chunk + p) == SlackCarver.RECORD_SIGNATURE
                    && LittleEndian.i64(b, chunk + p + 8) == FAKE_RECORD_ID) {
                return p;
            }
        }
        throw new IllegalStateException("fake frame not found");
    }

    static byte[] build(String fake, int pad104, int pad2, int nameLength) {
        String filler = " ".repeat(1500); // room for the new records before record 102
        SyntheticEvtx.File f = new SyntheticEvtx.File();
        SyntheticEvtx.Chunk c0 = f.chunk();
        c0.record(100, "2024-02-29T12:00:00Z", record(OLD_SYSTEM, 100, 1,
                instance(PROCESS, string("alice"), string("whoami"))));
        c0.record(101, "2024-02-29T12:00:01Z", process(101, "alice", "hostname" + filler));
        c0.record(102, "2024-02-29T12:00:02Z", connection(OUTER, 102, brokenSignature(), 80));
        c0.record(103, "2024-02-29T12:00:03Z", process(103, "bob", "net user"));
        c0.record(104, "2024-02-29T12:00:04Z", record(OUTER, 104, 1,
                instance(PROCESS, ansi("carol" + "-".repeat(pad104)), string(fake))));
        c0.record(105, "2024-02-29T12:00:05Z", connection(OUTER, 105, "10.1.2.3", 443));
        c0.record(106, "2024-02-29T12:00:06Z", connection(OLD_SYSTEM, 106, "10.9.9.9", 53));
        c0.overwriteFrom(SyntheticEvtx.CHUNK_HEADER_SIZE);
        c0.record(1, "2024-03-01T00:00:01Z", record(OUTER, 1, 4624, instance(LOGON, string("d".repeat(nameLength)), nul())));
        c0.record(2, "2024-03-01T00:00:02Z", record(OUTER, 2, 4624,
                instance(LOGON, ansi("erin" + "-".repeat(pad2)), string(fake))));
        chunk0 = c0.recordOffsets();

        SyntheticEvtx.Chunk c1 = f.chunk();
        c1.record(7, "2024-03-02T00:00:07Z", process(7, "frank", "ipconfig"));
        c1.record(8, "2024-03-02T00:00:08Z", process(8, "grace", "route print"));
        chunk1 = c1.recordOffsets();
        chunk2 = f.chunk().record(20, "2024-03-03T00:00:20Z", process(20, "heidi", "whoami /all"))
                .record(21, "2024-03-03T00:00:21Z", connection(OUTER, 21, "10.0.0.21", 21)).recordOffsets();
        chunk3 = f.chunk().record(30, "2024-03-04T00:00:30Z", process(30, "ivan", "arp -a"))
                .record(31, "2024-03-04T00:00:31Z", connection(OUTER, 31, "10.0.0.31", 31)).recordOffsets();
        byte[] b = f.bytes();

        // Chunk 1's slack: an identical copy of record 8, record 7 with one character changed, and
        // the first 200 bytes of record 8 where the chunk ends.
        int base1 = chunkStart(1);
        int free1 = LittleEndian.i32(b, base1 + 48);
        int size7 = LittleEndian.i32(b, base1 + chunk1.get(0) + 4);
        int size8 = LittleEndian.i32(b, base1 + chunk1.get(1) + 4);
        System.arraycopy(b, base1 + chunk1.get(1), b, base1 + free1, size8);
        int changed = free1 + size8;
        System.arraycopy(b, base1 + chunk1.get(0), b, base1 + changed, size7);
        int ipconfig = indexOf(b, base1 + changed, size7, "ipconfig");
        b[ipconfig] = 'I';
        System.arraycopy(b, base1 + chunk1.get(1), b, base1 + SyntheticEvtx.CHUNK_SIZE - 200, 200);

        // Chunks 2 and 3 lose their signature; the header counts chunks 0 to 2.
        Arrays.fill(b, chunkStart(2), chunkStart(2) + 8, (byte) 0);
        Arrays.fill(b, chunkStart(3), chunkStart(3) + 8, (byte) 0);
        put32(b, 16, 2); // last chunk number (64 bits, high half zero)
        b[42] = 3; // chunk count (16 bits)
        b[43] = 0;
        CRC32 crc = new CRC32();
        crc.update(b, 0, 120);
        put32(b, 124, (int) crc.getValue());
        return b;
    }

    static int chunkStart(int k) {
        return SyntheticEvtx.FILE_HEADER_SIZE + k * SyntheticEvtx.CHUNK_SIZE;
    }

    /** The file offset of the UTF-16 text {@code s} within {@code length} bytes from {@code from}. */
    private static int indexOf(byte[] b, int from, int length, String s) {
        byte[] u = SyntheticEvtx.utf16z(s);
        outer:
        for (int p = from; p + u.length - 2 <= from + length; p++) {
            for (int i = 0; i < u.length - 2; i++) {
                if (b[p + i] != u[i]) {
                    continue outer;
                }
            }
            return p;
        }
        throw new IllegalStateException(s + " not found");
    }

    private static void put32(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    // ---------------------------------------------------------------------------------------------

    static List<Event> events(List<EventBatch> batches, boolean recovered) {
        List<Event> out = new ArrayList<>();
        for (EventBatch b : batches) {
            for (Event e : b.events()) {
                if (e.recovered() == recovered) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static List<ReadProblem> problems(List<EventBatch> batches) {
        return batches.stream().flatMap(b -> b.problems().stream()).toList();
    }

    static Map<String, Object> system(String recordId, String eventId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Provider_Name", "Dotlink-Synthetic");
        m.put("Provider_Guid", PROVIDER_GUID);
        m.put("EventID", eventId);
        m.put("Version", "0");
        m.put("Level", "4");
        m.put("Task", "0");
        m.put("Opcode", "0");
        m.put("Keywords", "0x8000000000000000");
        m.put("TimeCreated_SystemTime", "2024-02-29T13:00:00.0000001Z");
        m.put("EventRecordID", recordId);
        m.put("Execution_ProcessID", "4");
        m.put("Execution_ThreadID", "8");
        m.put("Channel", "Dotlink/Synthetic");
        m.put("Computer", "host1.example.test");
        return m;
    }

    static Event recovered(long fileOffset) {
        return events(recovering, true).stream().filter(e -> e.offset() == fileOffset).findFirst()
                .orElseThrow(() -> new AssertionError("nothing recovered at 0x" + Long.toHexString(fileOffset)
                        + "; recovered: " + events(recovering, true)));
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void theCarverTakesTheRealRecordsAndNothingElse() {
        int c0 = chunkStart(0);
        List<Long> expected = List.of(
                (long) c0 + chunk0.get(3), (long) c0 + chunk0.get(4), (long) c0 + chunk0.get(5), (long) c0 + chunk0.get(6),
                (long) chunkStart(1) + LittleEndian.i32(bytes, chunkStart(1) + 48) + LittleEndian.i32(bytes,
                        chunkStart(1) + chunk1.get(1) + 4),
                (long) chunkStart(2) + chunk2.get(0), (long) chunkStart(2) + chunk2.get(1),
                (long) chunkStart(3) + chunk3.get(0), (long) chunkStart(3) + chunk3.get(1));
        List<Long> offsets = events(recovering, true).stream().map(Event::offset).toList();
        List<String> ids = events(recovering, true).stream().map(e -> e.field("EventRecordID").orElse("?")).toList();
        assertEquals(List.of("103", "104", "105", "106", "7", "20", "21", "30", "31"), ids,
                "recovered: 103 to 106 from chunk 0's slack, the changed copy of 7, chunks 2 and 3");
        assertEquals(expected, offsets, "each at the offset it was written at");
    }

    @Test
    void aRecordOverwrittenInTheMiddleGivesNothing() {
        long record102 = (long) chunkStart(0) + chunk0.get(2);
        assertEquals(record102 + 16, chunkStart(0) + LittleEndian.i32(bytes, chunkStart(0) + 48),
                "the new records end 16 bytes into record 102");
        for (Event e : events(recovering, true)) {
            assertFalse(e.offset() >= chunkStart(0) + 512 && e.offset() < chunkStart(0) + chunk0.get(3),
                    () -> "recovered from the overwritten records 100 to 102: " + e);
        }
    }

    @Test
    void aTemplateInTheSlackRendersTheRecordFully() {
        Event e = recovered(chunkStart(0) + chunk0.get(5)); // record 105: CONNECTION is defined in 102's tail
        Map<String, Object> expected = system("105", "3");
        expected.put("DestIp", "10.1.2.3");
        expected.put("DestPort", "443");
        assertEquals(expected, e.toMap());
    }

    @Test
    void whereATemplateIsGoneItsValuesAreGivenInOrderAsData() {
        // 103: its System template was defined again by the new records (found by its id); PROCESS is gone.
        Map<String, Object> expected = system("103", "1");
        expected.put("Data", List.of("bob", "net user"));
        assertEquals(expected, recovered(chunkStart(0) + chunk0.get(3)).toMap());

        // 106: OLD_SYSTEM is gone; its values are laid out as Windows lays out System values, so the
        // event id, record id and time are known; CONNECTION (in the slack) still names its values.
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Data", List.of("4", "0", "0", "3", "", "0x8000000000000000", "2024-02-29T13:00:00.0000001Z",
                "", "4", "8", "106", "0", "", "", "Dotlink-Synthetic", PROVIDER_GUID, "Dotlink/Synthetic"));
        values.put("DestIp", "10.9.9.9");
        values.put("DestPort", "53");
        values.put("EventRecordID", "106");
        values.put("TimeCreated_SystemTime", "2024-02-29T13:00:00.0000001Z");
        values.put("EventID", "3");
        assertEquals(values, recovered(chunkStart(0) + chunk0.get(6)).toMap());
    }

    @Test
    void aFakeRecordInsideEventDataIsNotTaken() {
        assertEquals(0, fakeInRecord104 % 8, "the fake lies where the carver looks");
        for (long at : List.of((long) chunkStart(0) + fakeInRecord104, (long) chunkStart(0) + fakeInRecord2)) {
            assertTrue(events(recovering, true).stream().noneMatch(e -> e.offset() == at), "fake taken at 0x" + Long.toHexString(at));
        }
        assertTrue(events(recovering, true).stream().noneMatch(e -> e.values("EventRecordID").contains("" + FAKE_RECORD_ID)));
        Event carol = recovered(chunkStart(0) + chunk0.get(4));
        assertTrue(carol.values("Data").get(0).startsWith("carol"), "the record holding the fake is itself recovered");
    }

    @Test
    void copiesOfAllocatedRecordsAreDroppedButChangedOnesKept() {
        List<Event> sevens = new ArrayList<>();
        for (EventBatch b : recovering) {
            for (Event e : b.events()) {
                if (e.values("EventRecordID").contains("7")) {
                    sevens.add(e);
                }
            }
        }
        assertEquals(2, sevens.size(), "record 7 and its changed copy");
        assertFalse(sevens.get(0).recovered());
        assertTrue(sevens.get(1).recovered());
        assertEquals(List.of("frank", "Ipconfig"), List.of(sevens.get(1).raw("User"), sevens.get(1).raw("CommandLine")));
        long eights = events(recovering, true).stream().filter(e -> e.values("EventRecordID").contains("8")).count();
        assertEquals(0, eights, "the identical copy of record 8 is not repeated");
    }

    @Test
    void chunksTheHeadersDoNotAccountForAreCarved() {
        Map<String, Object> expected = system("20", "1");
        expected.put("User", "heidi");
        expected.put("CommandLine", "whoami /all");
        assertEquals(expected, recovered(chunkStart(2) + chunk2.get(0)).toMap(), "a chunk whose signature is damaged");
        expected = system("31", "3");
        expected.put("DestIp", "10.0.0.31");
        expected.put("DestPort", "31");
        assertEquals(expected, recovered(chunkStart(3) + chunk3.get(1)).toMap(), "a slot past the header's count");
    }

    @Test
    void recoveryChangesNothingElse() {
        assertEquals(events(plain, false).stream().map(e -> e.offset() + " " + e.toMap()).toList(),
                events(recovering, false).stream().map(e -> e.offset() + " " + e.toMap()).toList(),
                "the same allocated records");
        assertTrue(events(plain, true).isEmpty(), "nothing recovered by default");
        assertEquals(List.of("1", "2", "7", "8"), events(plain, false).stream()
                .map(e -> e.field("EventRecordID").orElse("?")).toList());
        assertEquals(problems(plain).toString(), problems(recovering).toString(), "the same problems");
        assertEquals(1, problems(plain).size(), () -> "only chunk 2's signature: " + problems(plain));
        assertTrue(problems(plain).get(0).location().startsWith("chunk 2 "), () -> problems(plain).toString());
        EventBatch last = recovering.get(recovering.size() - 1);
        assertEquals(events(recovering, true), last.events(), "the recovered records come last, in one batch");
    }
}
