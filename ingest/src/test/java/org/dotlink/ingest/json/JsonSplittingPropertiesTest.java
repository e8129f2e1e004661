package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.dotlink.core.ReadProblem;

/**
 * Where blocks are cut must never matter, and damage must stay in its record: random flat records
 * (values full of quotes, backslashes, braces, line breaks and non-ASCII text), written in each layout
 * and read at random block sizes, give exactly the records; a record cut short costs that record alone,
 * reported at its line.
 */
class JsonSplittingPropertiesTest {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    enum Layout { NDJSON, ARRAY_ONE_LINE, ARRAY_PRETTY, CONCATENATED_PRETTY }

    @Provide
    Arbitrary<List<Map<String, String>>> records() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6).map(s -> "k_" + s);
        Arbitrary<String> values = Arbitraries.strings().withChars("ab{}[]\"\\,:/ \t\n\r\u00e9\u4e2d\u0001").ofMaxLength(40);
        Arbitrary<Map<String, String>> record = Arbitraries.maps(keys, values).ofMinSize(1).ofMaxSize(6);
        return record.list().ofMinSize(1).ofMaxSize(20);
    }

    @Property(tries = 400)
    void blockBoundariesNeverMatter(@ForAll("records") List<Map<String, String>> records, @ForAll Layout layout,
            @ForAll @IntRange(min = 1, max = 400) int blockBytes) throws Exception {
        String text = String.join("", write(layout, records));
        JsonRead.Result r = JsonRead.read(text, blockBytes, JsonEventReader.MAX_RECORD_BYTES);
        assertEquals(List.of(), r.problems());
        assertEquals(expected(records), r.fields());
    }

    @Property(tries = 400)
    void aRecordCutShortCostsThatRecordAlone(@ForAll("records") List<Map<String, String>> records,
            @ForAll("layoutsWithLines") Layout layout, @ForAll @IntRange(min = 1, max = 400) int blockBytes,
            @ForAll @IntRange(min = 0, max = 1000) int which, @ForAll @IntRange(min = 0, max = 100_000) int where)
            throws Exception {
        List<String> parts = write(layout, records);
        int victim = which % records.size();
        String whole = parts.get(victim);
        String trimmed = whole.stripTrailing();
        int cut = 1 + where % (trimmed.length() - 1); // keep at least '{', lose at least the closing '}'
        parts.set(victim, trimmed.substring(0, cut) + "\n");
        String text = String.join("", parts);
        int line = 1 + (int) String.join("", parts.subList(0, victim)).chars().filter(c -> c == '\n').count();

        JsonRead.Result r = JsonRead.read(text, blockBytes, JsonEventReader.MAX_RECORD_BYTES);
        List<Map<String, List<String>>> expected = new ArrayList<>(expected(records));
        expected.remove(victim);
        assertEquals(expected, r.fields());
        assertEquals(1, r.problems().size(), () -> "problems " + r.problems() + " for\n" + text);
        ReadProblem p = r.problems().get(0);
        String bytes = " (byte " + String.join("", parts.subList(0, victim)).getBytes(StandardCharsets.UTF_8).length + ")";
        if (layout == Layout.NDJSON && records.size() > 1) {
            assertEquals("line " + line, p.location(), p::toString);
        } else if (layout == Layout.NDJSON) {
            // A file of one broken line cannot be told from the start of a pretty-printed object.
            assertTrue(p.location().equals("line " + line) || p.location().equals("line " + line + bytes), p::toString);
        } else {
            assertEquals("line " + line + bytes, p.location(), p::toString);
        }
    }

    @Provide
    Arbitrary<Layout> layoutsWithLines() {
        return Arbitraries.of(Layout.NDJSON, Layout.CONCATENATED_PRETTY);
    }

    /** The records as text, one part per record (with what separates it from the next). */
    static List<String> write(Layout layout, List<Map<String, String>> records) throws Exception {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> rec = records.get(i);
            boolean last = i == records.size() - 1;
            parts.add(switch (layout) {
                case NDJSON -> COMPACT.writeValueAsString(rec) + "\n";
                case ARRAY_ONE_LINE -> (i == 0 ? "[" : "") + COMPACT.writeValueAsString(rec) + (last ? "]" : ",");
                case ARRAY_PRETTY -> (i == 0 ? "[\n" : "") + "  " + PRETTY.writeValueAsString(rec).replace("\n", "\n  ")
                        + (last ? "\n]\n" : ",\n");
                case CONCATENATED_PRETTY -> PRETTY.writeValueAsString(rec) + "\n";
            });
        }
        return parts;
    }

    static List<Map<String, List<String>>> expected(List<Map<String, String>> records) {
        List<Map<String, List<String>>> out = new ArrayList<>();
        for (Map<String, String> r : records) {
            Map<String, List<String>> m = new LinkedHashMap<>();
            r.forEach((k, v) -> m.put(k, List.of(v)));
            out.add(m);
        }
        return out;
    }
}
