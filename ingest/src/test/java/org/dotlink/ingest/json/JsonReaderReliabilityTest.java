package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dotlink.core.ReadProblem;
import org.junit.jupiter.api.Test;

/**
 * Bad input gets a clear report with its line and loses nothing else; empty input is no records and
 * no problem; the stream is read, never closed.
 */
class JsonReaderReliabilityTest {

    static final String A = "{\"EventID\":1,\"Channel\":\"A\"}";
    static final String B = "{\"EventID\":2,\"Channel\":\"B\"}";
    static final String C = "{\"EventID\":3,\"Channel\":\"C\"}";
    static final String D = "{\"EventID\":4,\"Channel\":\"D\"}";

    static List<String> channels(JsonRead.Result r) {
        return r.events().stream().map(e -> e.channel()).toList();
    }

    static ReadProblem only(JsonRead.Result r) {
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        return r.problems().get(0);
    }

    // ---- NDJSON --------------------------------------------------------------------------------------

    @Test
    void aBrokenLineIsReportedWithItsNumberAndTheRestIsRead() {
        String text = A + "\n" + B + "\n{\"EventID\":9,\"Channel\":\"Sec\n" + C + "\n\n" + D + "\n";
        for (int block : new int[] {JsonEventReader.BLOCK_BYTES, 40}) {
            JsonRead.Result r = JsonRead.read(text, block, JsonEventReader.MAX_RECORD_BYTES);
            assertEquals(List.of("A", "B", "C", "D"), channels(r));
            assertEquals(List.of(1L, 2L, 4L, 6L), r.offsets(), "events carry their line numbers");
            ReadProblem p = only(r);
            assertEquals("test.json", p.source());
            assertEquals("line 3", p.location());
            assertTrue(p.isError());
            assertTrue(p.message().startsWith("not valid JSON at column "), p.message());
            assertTrue(p.message().endsWith("expected one JSON object per line, the line is skipped"), p.message());
        }
    }

    @Test
    void aLineThatIsNotAnObjectIsReported() {
        JsonRead.Result r = JsonRead.read(A + "\n42\n\"text\"\n" + B + "\n");
        assertEquals(List.of("A", "B"), channels(r));
        assertEquals(2, r.problems().size());
        assertEquals("line 2", r.problems().get(0).location());
        assertEquals("the line is a number, expected a JSON object per line; skipped", r.problems().get(0).message());
        assertEquals("line 3", r.problems().get(1).location());
    }

    @Test
    void twoObjectsOnALineAreBothRead_trailingGarbageIsReportedAfterTheGoodObject() {
        JsonRead.Result r = JsonRead.read(A + " " + B + "\n" + C + " }x\n" + D);
        assertEquals(List.of("A", "B", "C", "D"), channels(r));
        assertEquals(List.of(1L, 1L, 2L, 3L), r.offsets());
        assertEquals("line 2", only(r).location());
    }

    @Test
    void aLineOfAnArrayGivesItsObjects() {
        JsonRead.Result r = JsonRead.read(A + "\n[" + B + "," + C + ", 5]\n");
        assertEquals(List.of("A", "B", "C"), channels(r));
        assertEquals("an array element is a number, expected a JSON object per line; skipped", only(r).message());
    }

    @Test
    void invalidUtf8LosesOnlyItsLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes((A + "\n{\"EventID\":2,\"Channel\":\"").getBytes(StandardCharsets.UTF_8));
        out.write(0xC3); // a lead byte without its continuation
        out.writeBytes(("\"}\n" + C + "\n").getBytes(StandardCharsets.UTF_8));
        JsonRead.Result r = JsonRead.read(new ByteArrayInputStream(out.toByteArray()), "x.json",
                JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
        assertEquals(List.of("A", "C"), channels(r));
        assertEquals("line 2", only(r).location());
    }

    @Test
    void aLineLongerThanTheLimitIsReportedAndSkipped() {
        String longLine = "{\"EventID\":7,\"Channel\":\"" + "x".repeat(500) + "\"}";
        JsonRead.Result r = JsonRead.read(A + "\n" + longLine + "\n" + B + "\n", 32, 256);
        assertEquals(List.of("A", "B"), channels(r));
        assertEquals(List.of(1L, 3L), r.offsets());
        ReadProblem p = only(r);
        assertEquals("line 2", p.location());
        assertEquals("line is longer than 256 bytes, the most one record may take; it is skipped", p.message());
        // and the same line at the end of the input, without a newline
        JsonRead.Result end = JsonRead.read(A + "\n" + longLine, 32, 256);
        assertEquals(List.of("A"), channels(end));
        assertEquals("line 2", only(end).location());
    }

    // ---- empty and not JSON ----------------------------------------------------------------------------

    @Test
    void emptyOrBlankInputHasNoRecordsAndNoProblem() {
        for (String text : new String[] {"", " \n\r\n\t", "\uFEFF", "[]", " [ \n ] \n"}) {
            JsonRead.Result r = JsonRead.read(text);
            assertEquals(List.of(), r.events(), "for " + text.strip());
            assertEquals(List.of(), r.problems(), "for " + text.strip());
        }
        assertEquals(0, JsonRead.read("").tasks());
    }

    @Test
    void inputThatIsNotJsonIsReportedOnce() {
        JsonRead.Result r = JsonRead.read("\n  <Event xmlns=...>");
        assertEquals(List.of(), r.events());
        ReadProblem p = only(r);
        assertEquals("line 2 (byte 3)", p.location());
        assertEquals("not JSON: expected '{' or '[' as the first character, found '<'", p.message());
        assertEquals(null, r.layout());
    }

    // ---- arrays and concatenated objects -----------------------------------------------------------

    @Test
    void aTruncatedArrayKeepsItsCompleteRecordsAndSaysWhatWasLost() {
        String text = "[\n  " + A + ",\n  " + B + ",\n  {\"EventID\":3,\"Chan";
        for (int block : new int[] {JsonEventReader.BLOCK_BYTES, 16}) {
            JsonRead.Result r = JsonRead.read(text, block, JsonEventReader.MAX_RECORD_BYTES);
            assertEquals(List.of("A", "B"), channels(r));
            assertEquals(2, r.problems().size(), r.problems()::toString);
            ReadProblem lost = r.problems().get(0);
            assertEquals("line 4 (byte " + text.indexOf("{\"EventID\":3") + ")", lost.location());
            assertEquals("the input ends inside this record (in a string), 1 level(s) deep; the record is lost",
                    lost.message());
            ReadProblem open = r.problems().get(1);
            assertFalse(open.isError());
            assertEquals("line 1", open.location());
        }
    }

    @Test
    void prettyRecordsResumeAfterOneThatNeverCloses() {
        // evtx_dump style: each record's '{' at column 0; the second one lost its closing brace.
        String text = "{\n  \"EventID\": 1,\n  \"Channel\": \"A\"\n}\n"
                + "{\n  \"EventID\": 2,\n  \"Channel\": \"B\"\n"
                + "{\n  \"EventID\": 3,\n  \"Channel\": \"C\"\n}\n";
        for (int block : new int[] {JsonEventReader.BLOCK_BYTES, 8}) {
            JsonRead.Result r = JsonRead.read(text, block, JsonEventReader.MAX_RECORD_BYTES);
            assertEquals(JsonLayout.CONCATENATED, r.layout());
            assertEquals(List.of("A", "C"), channels(r));
            ReadProblem p = only(r);
            assertEquals("line 5 (byte " + text.indexOf("{\n  \"EventID\": 2") + ")", p.location());
            assertTrue(p.message().startsWith("not valid JSON at line 8, column 1: Unexpected end-of-input"), p.message());
        }
    }

    @Test
    void aBrokenStringInAPrettyArrayLosesOnlyItsRecord() {
        String text = "[\n  {\n    \"Channel\": \"A\"\n  },\n  {\n    \"Channel\": \"B,\n    \"EventID\": 2\n  },\n"
                + "  {\n    \"Channel\": \"C\"\n  }\n]\n";
        JsonRead.Result r = JsonRead.read(text);
        assertEquals(JsonLayout.ARRAY, r.layout());
        assertEquals(List.of("A", "C"), channels(r));
        assertTrue(only(r).location().startsWith("line 5 "), only(r)::toString);
    }

    @Test
    void junkBetweenRecordsIsReportedOnceAndSkipped() {
        String text = "{\n  \"Channel\": \"A\"\n}\ngarbage here\n{\n  \"Channel\": \"B\"\n}\n";
        JsonRead.Result r = JsonRead.read(text);
        assertEquals(List.of("A", "B"), channels(r));
        ReadProblem p = only(r);
        assertEquals("line 4 (byte " + text.indexOf("garbage") + ")", p.location());
        assertEquals("unexpected 'g' between records, expected '{'; skipped up to the next record", p.message());
    }

    @Test
    void aRecordLargerThanTheLimitIsReportedAndSkipped() {
        String big = "{\"Channel\":\"" + "y".repeat(1000) + "\"}";
        String text = "[" + A + ",\n" + big + ",\n" + B + "]";
        JsonRead.Result r = JsonRead.read(text, 64, 512);
        assertEquals(List.of("A", "B"), channels(r));
        ReadProblem p = only(r);
        assertEquals("line 2 (byte " + text.indexOf(big) + ")", p.location());
        assertEquals("record is larger than 512 bytes, the most one record may take; it is skipped", p.message());
    }

    @Test
    void arrayRecordsCarryTheirByteOffsets() {
        String text = "[" + A + "," + B + "]";
        JsonRead.Result r = JsonRead.read(text);
        assertEquals(List.of((long) text.indexOf(A), (long) text.indexOf(B)), r.offsets());
    }

    @Test
    void anArrayElementThatIsNotAnObjectIsReported() {
        JsonRead.Result r = JsonRead.read("[\n" + A + ",\n[1],\n" + B + "\n]");
        assertEquals(List.of("A", "B"), channels(r));
        assertEquals("an array element is a number, expected a JSON object; skipped", only(r).message());
    }

    // ---- the stream ----------------------------------------------------------------------------------

    @Test
    void theStreamIsReadButNeverClosed() {
        boolean[] closed = {false};
        InputStream in = new FilterInputStream(new ByteArrayInputStream((A + "\n" + B).getBytes(StandardCharsets.UTF_8))) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        JsonRead.Result r = JsonRead.read(in, "member.json", JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
        assertEquals(2, r.events().size());
        assertFalse(closed[0]);
    }

    @Test
    void aFailingStreamIsReportedAfterWhatWasRead() {
        byte[] good = (A + "\n" + B + "\n").getBytes(StandardCharsets.UTF_8);
        InputStream in = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at < good.length) {
                    return good[at++];
                }
                throw new IOException("disk on fire");
            }
        };
        JsonRead.Result r = JsonRead.read(in, "x.json", 8, 1024);
        assertEquals(List.of("A", "B"), channels(r));
        ReadProblem p = only(r);
        assertEquals("byte " + good.length, p.location());
        assertEquals("read failed: disk on fire; the input is read up to here", p.message());
    }

    // ---- recognition -------------------------------------------------------------------------------

    @Test
    void looksLikeJsonFromTheFirstBytes() {
        assertTrue(looks("{\"Keywords\":-92233"));
        assertTrue(looks("{\n  \"Event\": {"));
        assertTrue(looks("\uFEFF  {\"a\""));
        assertTrue(looks("[\n  {\n"));
        assertTrue(looks("[]"));
        assertTrue(looks("{}"));
        assertTrue(looks("{        "), "undecided within the head: the first character decides");
        assertTrue(looks("[\r\n"));
        assertFalse(looks(""));
        assertFalse(looks("   \n"));
        assertFalse(looks("ElfFile\0"));
        assertFalse(looks("#Software: Microsoft Internet Information Services"));
        assertFalse(looks("[1, 2]"));
        assertFalse(looks("{abc}"));
        assertFalse(looks("<?xml"));
        // only `length` bytes count
        byte[] head = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
        assertFalse(JsonEventReader.looksLikeJson(head, 0));
        assertTrue(JsonEventReader.looksLikeJson(head, 1));
    }

    private static boolean looks(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] padded = java.util.Arrays.copyOf(b, b.length + 8); // bytes past length must not matter
        java.util.Arrays.fill(padded, b.length, padded.length, (byte) '"');
        return JsonEventReader.looksLikeJson(padded, b.length);
    }

    @Test
    void layoutFromTheFirstBytes() {
        assertEquals(JsonLayout.NDJSON, JsonLayout.detect(bytes(A + "\n" + B), 10), "a first line longer than the head");
        assertEquals(JsonLayout.NDJSON, JsonLayout.detect(bytes(A + "\n" + B), A.length() + 3));
        assertEquals(JsonLayout.CONCATENATED, JsonLayout.detect(bytes("{\n  \"Event\": {}\n}"), 17));
        assertEquals(JsonLayout.ARRAY, JsonLayout.detect(bytes(" \n[{}]"), 6));
        assertEquals(JsonLayout.NDJSON, JsonLayout.detect(bytes("{\"a\":\"{\\\"\"}\n"), 12), "braces and quotes in strings");
        assertEquals(null, JsonLayout.detect(bytes("  "), 2));
        assertEquals(null, JsonLayout.detect(bytes("x"), 1));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
