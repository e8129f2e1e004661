package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.dotlink.core.Event;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.Conformance.Mismatch;
import org.dotlink.ingest.evtx.Conformance.Tally;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Record recovery over every EVTX file of the shared data, against libevtx's
 * {@code evtxexport -m recovered} run live on the same files.
 *
 * <p>Figures: the record frames the files hold (signature, a size that fits in the 64 KiB slot and
 * the same size in the frame's last 4 bytes, found at any offset of any slot by a scan independent of
 * the reader), how many of them we return (as allocated records, as recovered records, or dropped as
 * identical copies of a record we return), and how many recovered records are rendered fully or only
 * partly (a template part was lost, its values given as {@code Data}).
 *
 * <p>Agreement: every record {@code evtxexport -m recovered} prints must be one we return, equal
 * under the rules of {@link EvtxExportConformanceTest} (same fields, same values, through the same
 * named conventions). Two things evtxexport does with carved records are not taken as the truth,
 * and each is counted and printed:
 * <ul>
 *   <li>a name that was overwritten: evtxexport prints the bytes now at the name's offset, which
 *       are garbage (not an ASCII name, often not XML at all), and mostly stops there without closing
 *       its elements. Only the elements it closed before the damage are compared, and we must return
 *       each of their fields, equal (we read the rest as lost and give its values as {@code Data});</li>
 *   <li>a template definition of another template: evtxexport renders with whatever definition lies
 *       at the offset the record points to, without checking that it carries the record's template
 *       id (which {@link #frame} reads from the frame, independently of the reader). Then
 *       the names and fixed texts it prints are another event's. When the record's own (outer)
 *       template is the wrong one, only {@code EventRecordID}, {@code TimeCreated_SystemTime} and
 *       {@code EventID} (values at the same places in every Windows System template) are compared;
 *       when a nested one (EventData, UserData) is, only the System section is.</li>
 * </ul>
 */
class EvtxRecoveryConformanceTest {

    private static final String EVENT_START = "<Event xmlns=";
    private static final String PROLOG = "<?xml version=\"1.1\"?>";

    /** What one run counts. */
    static final class Figures {
        final LongAdder frames = new LongAdder();
        final LongAdder allocatedAreaFrames = new LongAdder();
        final LongAdder allocated = new LongAdder();
        final LongAdder carvedFrames = new LongAdder();
        final LongAdder unreadable = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder recovered = new LongAdder();
        final LongAdder partial = new LongAdder();
        final LongAdder withSystem = new LongAdder();
        final LongAdder returnedFrames = new LongAdder();
        final LongAdder theirBlocks = new LongAdder();
        final LongAdder theirComplete = new LongAdder();
        final LongAdder theirCut = new LongAdder();
        final LongAdder theirOtherTemplate = new LongAdder();
        final LongAdder theirOtherNested = new LongAdder();
        final LongAdder matchedRecovered = new LongAdder();
        final LongAdder matchedAllocated = new LongAdder();
    }

    @Test
    void recoveredRecordsAgainstEvtxexport() throws Exception {
        Path data = Conformance.sharedDataOrSkip();
        String evtxexport = EvtxExportConformanceTest.findEvtxexport();
        List<Path> files = Conformance.evtxFiles(data);
        assertFalse(files.isEmpty(), "no .evtx files under " + data);

        Tally tally = new Tally();
        Figures fig = new Figures();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path f : files) {
                done.add(pool.submit(() -> {
                    compareFile(evtxexport, data, f, tally, fig);
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get();
            }
        } finally {
            pool.shutdownNow();
        }

        long frames = fig.frames.sum();
        long returned = fig.returnedFrames.sum();
        String figures = String.format("EVTX record recovery over %d files:%n"
                        + "  record frames in the files: %,d (%,d in allocated areas, %,d elsewhere)%n"
                        + "  allocated records: %,d%n"
                        + "  frames carved from slack: %,d; not readable as a record: %,d; copies dropped: %,d%n"
                        + "  recovered records: %,d, rendered fully %,d, partly %,d (a template part lost);"
                        + " %,d with their System section%n"
                        + "  frames returned: %,d of %,d (%.2f%%)%n"
                        + "  evtxexport -m recovered: %,d records (%,d whole, %,d with an overwritten name, of which"
                        + " only the part before it is compared; %,d rendered with another template's definition,"
                        + " %,d with another nested template's);%n"
                        + "    ours equal: %,d recovered, %,d allocated (the copy evtxexport recovered is one we dropped)",
                files.size(), frames, fig.allocatedAreaFrames.sum(), frames - fig.allocatedAreaFrames.sum(),
                fig.allocated.sum(), fig.carvedFrames.sum(), fig.unreadable.sum(), fig.duplicates.sum(),
                fig.recovered.sum(), fig.recovered.sum() - fig.partial.sum(), fig.partial.sum(), fig.withSystem.sum(),
                returned, frames, 100.0 * returned / frames,
                fig.theirBlocks.sum(), fig.theirComplete.sum(), fig.theirCut.sum(), fig.theirOtherTemplate.sum(),
                fig.theirOtherNested.sum(), fig.matchedRecovered.sum(), fig.matchedAllocated.sum());
        System.out.println(figures);
        System.out.println(tally.summary("evtxexport -m recovered conformance"));
        tally.assertNone("evtxexport -m recovered conformance");

        // Measured over the 515 shared files (the figures printed above): 32,830 frames, 32,821 returned
        // (99.97%); 16,172 recovered, 584 of them rendered fully; evtxexport -m recovered printed 3,212.
        assertTrue(returned >= 0.9 * frames, () -> "fewer than 90% of the frames returned\n" + figures);
        assertEquals(32_830, frames, () -> "the shared data changed\n" + figures);
        assertEquals(32_821, returned, () -> "frames returned differ from those measured\n" + figures);
        assertEquals(16_172, fig.recovered.sum(), () -> "records recovered differ from those measured\n" + figures);
        assertEquals(584, fig.recovered.sum() - fig.partial.sum(), () -> "fully rendered records differ\n" + figures);
        assertEquals(15_299, fig.allocated.sum(), () -> "allocated records changed with recovery on\n" + figures);
        assertTrue(fig.theirBlocks.sum() >= 3_200, () -> "evtxexport recovered fewer records than measured\n" + figures);
    }

    private static void compareFile(String evtxexport, Path data, Path file, Tally tally, Figures fig) throws Exception {
        String name = data.relativize(file).toString();
        byte[] bytes = Files.readAllBytes(file);
        tally.files.increment();
        List<Event> ours = new ArrayList<>();
        EvtxReader reader = new EvtxReader(new ByteArrayInputStream(bytes), file.toString(), true);
        for (EventBatch b : reader.runAll()) {
            ours.addAll(b.events());
        }
        Set<Long> returnedOffsets = new HashSet<>();
        for (Event e : ours) {
            returnedOffsets.add(e.offset());
            (e.recovered() ? fig.recovered : fig.allocated).increment();
            if (e.recovered() && e.raw("Channel") != null) {
                fig.withSystem.increment();
            }
        }
        RecoveredRecords.Counts counts = reader.recoveryCounts();
        if (counts != null) {
            fig.carvedFrames.add(counts.frames());
            fig.unreadable.add(counts.unreadable());
            fig.duplicates.add(counts.duplicates());
            fig.partial.add(counts.partial());
            fig.returnedFrames.add(counts.duplicates());
        }
        Map<String, Set<Integer>> pointersById = new HashMap<>();
        for (long[] frame : frames(bytes)) {
            fig.frames.increment();
            fig.allocatedAreaFrames.add(frame[1]);
            if (returnedOffsets.contains(frame[0])) {
                fig.returnedFrames.increment();
            }
            Frame f = frame(bytes, frame[0]);
            if (frame[1] == 0 && f != null && f.recordId() != null) {
                pointersById.computeIfAbsent(f.recordId(), k -> new HashSet<>()).add(f.pointers());
            }
        }

        Map<String, List<Event>> byRecordId = new HashMap<>();
        for (Event e : ours) {
            byRecordId.computeIfAbsent(e.field("EventRecordID").orElse(""), k -> new ArrayList<>()).add(e);
        }
        int i = 0;
        for (String block : blocks(runEvtxexportRecovered(evtxexport, file))) {
            i++;
            fig.theirBlocks.increment();
            Printed printed;
            Map<String, List<String>> theirs;
            try {
                printed = closedPart(block);
                theirs = EvtxExportConformanceTest.fieldsOf(printed.xml());
            } catch (SAXException e) {
                tally.mismatch(new Mismatch(name, "recovered #" + i, "(evtxexport XML)", null, "unparseable: " + e.getMessage()));
                continue;
            }
            (printed.damaged() ? fig.theirCut : fig.theirComplete).increment();
            List<String> id = theirs.get("EventRecordID");
            List<Event> candidates = id == null ? ours : byRecordId.getOrDefault(id.get(0), List.of());
            String label = "recovered " + (id == null ? "#" + i : id.get(0));
            Map<String, List<String>> bestOurs = Map.of();
            Map<String, List<String>> bestTheirs = theirs;
            Event match = null;
            int kind = 0;
            // evtxexport may have printed any slack frame with this record id, and we may have dropped it
            // as a copy of the one we return: what is compared follows what the frames point to.
            Set<Integer> kinds = id == null ? Set.of(OWN_TEMPLATES) : pointersById.getOrDefault(id.get(0), Set.of(OWN_TEMPLATES));
            List<Integer> tries = new ArrayList<>();
            for (Event c : candidates) {
                Frame own = frame(bytes, c.offset());
                tries.add(own == null ? OWN_TEMPLATES : own.pointers());
                tries.addAll(kinds);
            }
            for (int attempt = 0; attempt < tries.size(); attempt++) {
                Event c = candidates.get(attempt / (kinds.size() + 1));
                int pointers = tries.get(attempt);
                Map<String, List<String>> t = theirs;
                if (pointers == OTHER_TEMPLATE) {
                    t = restricted(theirs, VALUE_FIELDS);
                } else if (pointers == OTHER_NESTED_TEMPLATE) {
                    t = EvtxExportConformanceTest.fieldsOf(closedPart(systemOnly(block)).xml());
                }
                boolean whole = !printed.damaged() && t == theirs;
                Map<String, List<String>> f = whole ? Conformance.fields(c) : restricted(Conformance.fields(c), t.keySet());
                Tally trial = new Tally();
                trial.compare(name, label, f, t, EvtxExportConformanceTest.EVTXEXPORT);
                if (match == null || trial.mismatches().isEmpty()) {
                    match = c;
                    bestOurs = f;
                    bestTheirs = t;
                    kind = pointers;
                }
                if (trial.mismatches().isEmpty()) {
                    break;
                }
            }
            tally.compare(name, label, bestOurs, bestTheirs, EvtxExportConformanceTest.EVTXEXPORT);
            if (match != null) {
                (match.recovered() ? fig.matchedRecovered : fig.matchedAllocated).increment();
                if (kind == OTHER_TEMPLATE) {
                    fig.theirOtherTemplate.increment();
                } else if (kind == OTHER_NESTED_TEMPLATE) {
                    fig.theirOtherNested.increment();
                }
            }
        }
    }

    private static final Set<String> VALUE_FIELDS = Set.of("EventRecordID", "TimeCreated_SystemTime", "EventID");
    static final int OWN_TEMPLATES = 0;
    static final int OTHER_TEMPLATE = 1;
    static final int OTHER_NESTED_TEMPLATE = 2;

    /**
     * A record frame as this test reads it: the record id its System values hold (value 10 when it is
     * a UInt64, else null), and whether its template instances point to definitions that carry their
     * template id: {@link #OWN_TEMPLATES}, {@link #OTHER_TEMPLATE} when the record's own does not,
     * {@link #OTHER_NESTED_TEMPLATE} when a nested one (in a BinXML value) does not.
     */
    record Frame(String recordId, int pointers) {}

    /**
     * Reads the frame at file offset {@code offset} independently of the reader: fragment header,
     * template instance (token, 1, template id, definition offset), an inline definition when the
     * offset points just past the instance, value count, value descriptors (size, type, 0), values.
     * Null when the frame does not read that way.
     */
    static Frame frame(byte[] file, long offset) {
        int base = (int) (4096 + (offset - 4096) / EvtxChunk.SIZE * EvtxChunk.SIZE);
        byte[] c = Arrays.copyOfRange(file, base, base + EvtxChunk.SIZE);
        int body = (int) (offset - base) + 24;
        int end = (int) (offset - base) + LittleEndian.i32(c, (int) (offset - base) + 4) - 4;
        try {
            if (c[body + 4] != 0x0c) {
                return null;
            }
            boolean own = carriesId(c, LittleEndian.i32(c, body + 10), LittleEndian.i32(c, body + 6));
            int q = body + 14;
            if (LittleEndian.i32(c, body + 10) == q) {
                q += 24 + LittleEndian.i32(c, q + 20);
            }
            int n = LittleEndian.i32(c, q);
            if (n < 0 || q + 4 + 4L * n > end) {
                return null;
            }
            int value = q + 4 + 4 * n;
            String recordId = null;
            boolean nestedOwn = true;
            for (int k = 0; k < n && value <= end; k++) {
                int size = LittleEndian.u16(c, q + 4 + 4 * k);
                int type = c[q + 4 + 4 * k + 2] & 0xff;
                if (k == 10 && type == 0x0a && size == 8) {
                    recordId = Long.toUnsignedString(LittleEndian.i64(c, value));
                }
                int w = value;
                if (type == 0x21 && size > 14) {
                    if (LittleEndian.i32(c, w) == 0x0001010f) {
                        w += 4;
                    }
                    nestedOwn &= c[w] != 0x0c || carriesId(c, LittleEndian.i32(c, w + 6), LittleEndian.i32(c, w + 2));
                }
                value += size;
            }
            return new Frame(recordId, !own ? OTHER_TEMPLATE : nestedOwn ? OWN_TEMPLATES : OTHER_NESTED_TEMPLATE);
        } catch (ArrayIndexOutOfBoundsException e) {
            return null;
        }
    }

    private static boolean carriesId(byte[] chunk, int definition, int templateId) {
        return definition >= 512 && definition <= EvtxChunk.SIZE - 8 && LittleEndian.i32(chunk, definition + 4) == templateId;
    }

    /** The block up to the end of its System section (all of it when that is not there). */
    private static String systemOnly(String block) {
        int end = block.indexOf("</System>");
        return end < 0 ? block : block.substring(0, end + "</System>".length());
    }

    /**
     * Every structurally valid record frame in the file: at any offset of any 64 KiB slot after the
     * file header, the record signature, a size of at least 28 that fits in the slot, and the same
     * size in the frame's last 4 bytes. Each as {file offset, 1 when it lies before its chunk's free
     * space offset (an allocated area) else 0}.
     */
    static List<long[]> frames(byte[] b) {
        List<long[]> out = new ArrayList<>();
        for (int slot = 4096; slot < b.length; slot += EvtxChunk.SIZE) {
            int end = Math.min(b.length, slot + EvtxChunk.SIZE);
            boolean chunk = end - slot >= 52 && EvtxChunk.hasSignature(b, slot);
            int free = chunk ? LittleEndian.i32(b, slot + 48) : 0;
            for (int p = slot; p + 28 <= end; p++) {
                if (b[p] == 0x2a && b[p + 1] == 0x2a && b[p + 2] == 0 && b[p + 3] == 0) {
                    int size = LittleEndian.i32(b, p + 4);
                    if (size >= 28 && size <= end - p && LittleEndian.i32(b, p + size - 4) == size) {
                        out.add(new long[] {p, p - slot < free ? 1 : 0});
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, List<String>> restricted(Map<String, List<String>> fields, Set<String> names) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (names.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** evtxexport's output split at each {@code <Event xmlns=}: one block per record it began to print. */
    static List<String> blocks(String text) {
        List<String> out = new ArrayList<>();
        int at = text.indexOf(EVENT_START);
        while (at >= 0) {
            int next = text.indexOf(EVENT_START, at + 1);
            out.add(text.substring(at, next < 0 ? text.length() : next));
            at = next;
        }
        return out;
    }

    /** What evtxexport printed of a record, as XML to read fields from, and whether it was cut at damage. */
    record Printed(String xml, boolean damaged) {}

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.:-]*");

    /**
     * What evtxexport printed of a record, up to any damage: malformed XML (an overwritten name that is
     * not even XML, or a record it stopped printing) or an element or attribute name that is not an
     * ASCII name (an overwritten name that happens to be XML). When damaged, the elements it closed
     * before the damage, with the elements still open closed there (see the class comment).
     */
    static Printed closedPart(String block) throws SAXException, IOException {
        String xml = EvtxExportConformanceTest.xml11(block);
        int[] lineStarts = lineStarts(xml);
        Deque<String> open = new ArrayDeque<>();
        int[] cut = {PROLOG.length()};
        List<String> openAtCut = new ArrayList<>();
        DefaultHandler handler = new DefaultHandler() {
            private Locator locator;

            @Override
            public void setDocumentLocator(Locator l) {
                locator = l;
            }

            @Override
            public void startElement(String uri, String local, String qName, Attributes atts) throws SAXException {
                boolean names = NAME.matcher(qName).matches();
                for (int a = 0; a < atts.getLength(); a++) {
                    names &= NAME.matcher(atts.getQName(a)).matches();
                }
                if (!names) {
                    throw new SAXException("overwritten name");
                }
                open.push(qName);
            }

            @Override
            public void endElement(String uri, String local, String qName) {
                open.pop();
                cut[0] = lineStarts[locator.getLineNumber() - 1] + locator.getColumnNumber() - 1;
                openAtCut.clear();
                openAtCut.addAll(open);
            }
        };
        try {
            SAXParserFactory f = SAXParserFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            SAXParser parser = f.newSAXParser();
            parser.parse(new InputSource(new StringReader(xml)), handler);
            return new Printed(xml.substring(PROLOG.length()), false);
        } catch (SAXException damage) {
            // what was closed before the damage is kept
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        if (cut[0] <= PROLOG.length() || xml.charAt(cut[0] - 1) != '>') {
            return new Printed("<Event/>", true); // nothing closed before the damage
        }
        StringBuilder sb = new StringBuilder(xml.substring(PROLOG.length(), cut[0]));
        for (String element : openAtCut) { // innermost first
            sb.append("</").append(element).append('>');
        }
        return new Printed(sb.toString(), true);
    }

    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                starts.add(i + 1);
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Runs {@code evtxexport -m recovered -f xml FILE}: the records it recovered, as it printed them. */
    static String runEvtxexportRecovered(String evtxexport, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(evtxexport, "-m", "recovered", "-f", "xml", file.toString()).start();
        p.getOutputStream().close();
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        byte[] out = readAll(p.getInputStream());
        int rc = p.waitFor();
        if (rc != 0) {
            fail("evtxexport -m recovered exited with " + rc + " on " + file + ": "
                    + new String(err.join(), StandardCharsets.UTF_8));
        }
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(out)).toString();
    }

    private static byte[] readAll(InputStream in) {
        try (in; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cut keeps what was closed before the damage and closes what was open (no shared data needed). */
    @Test
    void aRecordCutShortKeepsTheElementsClosedBeforeTheDamage() throws Exception {
        String block = """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                  <System>
                    <EventID>4104</EventID>
                    <EventRecordID>32</EventRecordID>
                  </System>
                  <\u0200\u0100\u4104\uffff%
                """;
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("EventID", List.of("4104"));
        expected.put("EventRecordID", List.of("32"));
        assertEquals(expected, EvtxExportConformanceTest.fieldsOf(closedPart(block).xml()));
        String inData = """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                  <System>
                    <EventID>4</EventID>
                  </System>
                  <EventData>
                    <Data Name="A">x</Data>
                    <Data Name="B">half
                """ + "\u0000";
        expected = new LinkedHashMap<>();
        expected.put("EventID", List.of("4"));
        expected.put("A", List.of("x"));
        assertEquals(expected, EvtxExportConformanceTest.fieldsOf(closedPart(inData).xml()));
        String garbageName = """
                <Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event">
                  <System>
                    <EventID>4</EventID>
                  </System>
                  <EventData>
                    <\u6f8a Name="x">v</\u6f8a>
                  </EventData>
                </Event>""";
        Printed printed = closedPart(garbageName);
        assertTrue(printed.damaged());
        assertEquals(Map.of("EventID", List.of("4")), EvtxExportConformanceTest.fieldsOf(printed.xml()));
        assertFalse(closedPart(garbageName.replace("\u6f8a", "Data")).damaged());
    }
}
