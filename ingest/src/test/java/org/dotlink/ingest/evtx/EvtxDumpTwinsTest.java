package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.ingest.evtx.Conformance.Convention;
import org.dotlink.ingest.evtx.Conformance.Mismatch;
import org.dotlink.ingest.evtx.Conformance.Ours;
import org.dotlink.ingest.evtx.Conformance.Tally;
import org.junit.jupiter.api.Test;

/**
 * Each {@code .evtx} of the Sigma regression data has a {@code .json} twin beside it, written by
 * evtx_dump (the Rust {@code evtx} crate): pretty-printed {@code {"Event": {...}}} objects one after
 * another. Our records must equal them: the same number per file, and per record the same System
 * values and EventData/UserData names and values, through named {@link Normalize} conventions.
 */
class EvtxDumpTwinsTest {

    /** evtx_dump's conventions, each mapping its rendering of a value onto ours. */
    static final List<Convention> EVTX_DUMP = List.of(
            Convention.onTheirs("Normalize.guid", Normalize::guid),
            // evtx_dump prints times with 6 fractional digits, truncated: ours must be canonical (7
            // digits) and agree to the microsecond.
            new Convention("Normalize.isoTimeMicros", (our, their) -> Normalize.isoTime(our).equals(our)
                    && Normalize.isoTimeMicros(our).equals(Normalize.isoTimeMicros(their))),
            // evtx_dump drops trailing spaces that the record (and Windows, and evtxexport) keep.
            new Convention("Normalize.trimTrailingSpaces", (our, their) -> !our.equals(their)
                    && Normalize.trimTrailingSpaces(our).equals(their)));

    /**
     * Twins that disagree with their own EVTX file: the EVTX is the truth (its UTF-16 bytes and
     * evtxexport agree with us), so these are expected exactly and reported, not failed.
     */
    static final Map<Mismatch, String> TWIN_ERRATA = Map.of(
            new Mismatch("sigma/regression_data/rules/windows/process_creation/proc_creation_win_susp_right_to_left_override/"
                    + "ad691d92-15f2-4181-9aa4-723c74f9ddc3.evtx", "23419552", "ParentCommandLine",
                    "C:\\Windows\\Explorer.EXE", "C:\\Windows\\Explorer.exe"),
            "the record holds \"Explorer.EXE\" (UTF-16LE in the file; evtxexport prints the same); the .json twin"
                    + " has \"Explorer.exe\", so the twin was not written from this file as it is");

    private static final ObjectReader JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .readerFor(JsonNode.class);

    @Test
    void everyRecordMatchesItsEvtxDumpTwin() throws Exception {
        Path data = Conformance.sharedDataOrSkip();
        Path regression = data.resolve("sigma").resolve("regression_data");
        List<Path> files = Conformance.evtxFiles(regression);
        assertFalse(files.isEmpty(), "no .evtx files under " + regression);

        Tally tally = new Tally();
        TWIN_ERRATA.forEach(tally::expect);
        for (Path evtx : files) {
            String name = data.relativize(evtx).toString();
            String base = evtx.getFileName().toString();
            Path twin = evtx.resolveSibling(base.substring(0, base.length() - ".evtx".length()) + ".json");
            if (!Files.isRegularFile(twin)) {
                tally.mismatch(new Mismatch(name, "-", "(json twin)", "", "missing: " + twin.getFileName()));
                continue;
            }
            List<JsonNode> theirs = new ArrayList<>();
            try (MappingIterator<JsonNode> it = JSON.readValues(twin.toFile())) {
                while (it.hasNextValue()) {
                    theirs.add(it.nextValue());
                }
            }
            Ours ours = Conformance.readOurs(evtx);
            tally.files.increment();
            if (ours.events().size() != theirs.size()) {
                tally.mismatch(new Mismatch(name, "-", "(record count)", Integer.toString(ours.events().size()),
                        theirs.size() + (ours.problems().isEmpty() ? "" : "; our reader reported " + ours.problems())));
            }
            for (int i = 0; i < Math.min(ours.events().size(), theirs.size()); i++) {
                Map<String, List<String>> t = fieldsOf(theirs.get(i), tally);
                List<String> id = t.get("EventRecordID");
                tally.compare(name, id == null ? "#" + i : id.get(0), Conformance.fields(ours.events().get(i)), t,
                        EVTX_DUMP);
            }
        }
        System.out.println(tally.summary("evtx_dump twins"));
        tally.assertNone("evtx_dump twins");
    }

    /** The record-to-fields mapping itself, on a hand-written record (no shared data needed). */
    @Test
    void evtxDumpRecordsMapToCanonicalFieldNames() throws Exception {
        JsonNode record = new ObjectMapper().readTree("""
                {"Event": {"#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                  "System": {
                    "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon",
                                                 "Guid": "5770385F-C22A-43E0-BF4C-06F5698FFBD9"}},
                    "EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 3001},
                    "Keywords": "0x8000000000000000",
                    "TimeCreated": {"#attributes": {"SystemTime": "2025-11-27T07:40:10.165324Z"}},
                    "EventRecordID": 571146,
                    "Correlation": null,
                    "Channel": "Microsoft-Windows-Sysmon/Operational"
                  },
                  "EventData": {"#attributes": {"Name": "TaskDisabled"}, "ProcessId": 4460, "Signed": "true",
                                "Empty": null, "Data": {"#text": ["one", "two"]}},
                  "UserData": {"Operation_ClientFailure": {"#attributes": {"xmlns": "http://manifests.microsoft.com/win/2006/windows/WMI"},
                               "ClientProcessId": 25920, "Nested": {"Leaf": "x"}}}
                }}""");
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("Provider_Name", List.of("Microsoft-Windows-Sysmon"));
        expected.put("Provider_Guid", List.of("5770385F-C22A-43E0-BF4C-06F5698FFBD9"));
        expected.put("EventID_Qualifiers", List.of("16384"));
        expected.put("EventID", List.of("3001"));
        expected.put("Keywords", List.of("0x8000000000000000"));
        expected.put("TimeCreated_SystemTime", List.of("2025-11-27T07:40:10.165324Z"));
        expected.put("EventRecordID", List.of("571146"));
        expected.put("Channel", List.of("Microsoft-Windows-Sysmon/Operational"));
        expected.put("EventData_Name", List.of("TaskDisabled"));
        expected.put("ProcessId", List.of("4460"));
        expected.put("Signed", List.of("true"));
        expected.put("Empty", List.of(""));
        expected.put("Data", List.of("one", "two"));
        expected.put("ClientProcessId", List.of("25920"));
        expected.put("Leaf", List.of("x"));
        assertEquals(expected, fieldsOf(record, new Tally()));
    }

    /**
     * The canonical fields of one evtx_dump record. XML attributes are under {@code #attributes} and
     * element text under {@code #text} when an element has attributes too; System element {@code E}
     * gives {@code E} and its attributes {@code E_A}; EventData keys are the {@code Data} names (its own
     * attributes give {@code EventData_A}); other sections give their leaf elements by name. Attributes
     * the canonical form has no field for become {@code element@attribute}, so they show up as differences.
     */
    static Map<String, List<String>> fieldsOf(JsonNode record, Tally tally) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        JsonNode event = record.path("Event");
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> section = it.next();
            String name = section.getKey();
            JsonNode v = section.getValue();
            switch (name) {
                case "#attributes" -> attributes("Event@", v, out, tally);
                case "System" -> v.fields().forEachRemaining(e -> system(e.getKey(), e.getValue(), out, tally));
                case "EventData" -> {
                    if (v.isObject()) {
                        v.fields().forEachRemaining(e -> {
                            if (e.getKey().equals("#attributes")) {
                                attributes("EventData_", e.getValue(), out, tally);
                            } else {
                                values(e.getKey(), e.getValue(), out, tally);
                            }
                        });
                    } else if (!v.isNull()) {
                        values("Data", v, out, tally);
                    }
                }
                default -> leaves(name, v, out, tally);
            }
        }
        return out;
    }

    /** A System element: its text (when not empty) as {@code E}, its attributes as {@code E_A}. */
    private static void system(String element, JsonNode v, Map<String, List<String>> out, Tally tally) {
        if (v.isObject()) {
            v.fields().forEachRemaining(e -> {
                switch (e.getKey()) {
                    case "#attributes" -> attributes(element + "_", e.getValue(), out, tally);
                    case "#text" -> system(element, e.getValue(), out, tally);
                    default -> Conformance.put(out, element + "/" + e.getKey(), e.getValue().toString());
                }
            });
        } else {
            String s = scalar(v, tally);
            if (!s.isEmpty()) {
                Conformance.put(out, element, s);
            }
        }
    }

    /** An element's value or values (a JSON array for a repeated element), with {@code #text} unwrapped. */
    private static void values(String field, JsonNode v, Map<String, List<String>> out, Tally tally) {
        if (v.isArray()) {
            v.forEach(item -> values(field, item, out, tally));
        } else if (v.isObject()) {
            v.fields().forEachRemaining(e -> {
                if (e.getKey().equals("#text")) {
                    values(field, e.getValue(), out, tally);
                } else if (e.getKey().equals("#attributes")) {
                    attributes(field + "@", e.getValue(), out, tally);
                } else {
                    Conformance.put(out, field + "/" + e.getKey(), e.getValue().toString());
                }
            });
        } else {
            Conformance.put(out, field, scalar(v, tally));
        }
    }

    /** UserData and other sections: every leaf element by its name. */
    private static void leaves(String element, JsonNode v, Map<String, List<String>> out, Tally tally) {
        if (v.isArray()) {
            v.forEach(item -> leaves(element, item, out, tally));
        } else if (v.isObject()) {
            boolean children = false;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                switch (e.getKey()) {
                    case "#attributes" -> attributes(element + "@", e.getValue(), out, tally);
                    case "#text" -> Conformance.put(out, element, scalar(e.getValue(), tally));
                    default -> {
                        children = true;
                        leaves(e.getKey(), e.getValue(), out, tally);
                    }
                }
            }
            if (!children && !v.has("#text")) {
                Conformance.put(out, element, "");
            }
        } else {
            Conformance.put(out, element, scalar(v, tally));
        }
    }

    /** Attributes other than namespace declarations, as {@code prefix + name}. */
    private static void attributes(String prefix, JsonNode attrs, Map<String, List<String>> out, Tally tally) {
        attrs.fields().forEachRemaining(a -> {
            if (!a.getKey().equals("xmlns") && !a.getKey().startsWith("xmlns:")) {
                Conformance.put(out, prefix + a.getKey(), scalar(a.getValue(), tally));
            }
        });
    }

    /** A scalar through {@link Normalize#jsonScalar}, counting the values that were not JSON strings. */
    private static String scalar(JsonNode v, Tally tally) {
        if (!v.isTextual()) {
            tally.used("Normalize.jsonScalar");
        }
        return Normalize.jsonScalar(v);
    }
}
