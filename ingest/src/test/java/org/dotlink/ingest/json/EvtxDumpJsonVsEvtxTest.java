package org.dotlink.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.dotlink.ingest.evtx.EvtxReader;
import org.junit.jupiter.api.Test;

/**
 * The Sigma regression data has, beside each {@code .evtx}, the same records as written by evtx_dump
 * ({@code .json}, pretty-printed objects one after another). Our JSON reader on the {@code .json} must
 * give what our EVTX reader gives on the {@code .evtx}: the same records, the same field names, the
 * same values, except where evtx_dump dropped information, each such loss named below. Everything else
 * fails the test.
 */
class EvtxDumpJsonVsEvtxTest {

    /** A kind of information evtx_dump loses, so that our JSON value cannot equal the EVTX value. */
    record Loss(String name, BiPredicate<String, String> accepts) {}

    static final List<Loss> EVTX_DUMP_LOSSES = List.of(
            // evtx_dump prints SystemTime with 6 fractional digits (cut, not rounded); we pad the 7th with 0.
            new Loss("7th fractional digit of a time", (evtx, json) -> evtx.length() == 28 && json.length() == 28
                    && evtx.endsWith("Z") && json.startsWith(evtx.substring(0, 26)) && json.endsWith("0Z")),
            // evtx_dump (the evtx crate since 0.8.5, its issue #249) drops trailing spaces of strings.
            new Loss("trailing spaces of a string", (evtx, json) -> !evtx.equals(json) && evtx.endsWith(" ")
                    && evtx.stripTrailing().equals(json) && evtx.substring(json.length()).isBlank()));

    /** A twin that disagrees with its own EVTX file (the EVTX is right; see EvtxDumpTwinsTest in the evtx tests). */
    static final Set<String> TWIN_ERRATA = Set.of("proc_creation_win_susp_right_to_left_override/"
            + "ad691d92-15f2-4181-9aa4-723c74f9ddc3 record 23419552 ParentCommandLine");

    @Test
    void everyEvtxDumpTwinReadsAsItsEvtxFile() throws Exception {
        Path data = JsonRead.sharedDataOrSkip();
        Path regression = data.resolve("sigma").resolve("regression_data");
        List<Path> twins;
        try (Stream<Path> s = Files.walk(regression)) {
            twins = s.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(twins.isEmpty(), "no .json files under " + regression);

        int files = 0;
        long records = 0;
        long fields = 0;
        long exact = 0;
        Map<String, Map<String, Integer>> losses = new TreeMap<>();
        List<String> errataSeen = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (Path json : twins) {
            String base = json.getFileName().toString().replaceFirst("\\.json$", "");
            Path evtx = json.resolveSibling(base + ".evtx");
            String name = json.getParent().getFileName() + "/" + base;
            if (!Files.isRegularFile(evtx)) {
                mismatches.add(name + ": no .evtx beside the .json");
                continue;
            }
            files++;
            List<Event> ours = new ArrayList<>();
            List<ReadProblem> problems = new ArrayList<>();
            try (InputStream in = new BufferedInputStream(Files.newInputStream(evtx))) {
                for (EventBatch b : EvtxReader.readAll(in, evtx.toString())) {
                    ours.addAll(b.events());
                }
            }
            JsonRead.Result theirs;
            try (InputStream in = Files.newInputStream(json)) {
                theirs = JsonRead.read(in, json.toString(), JsonEventReader.BLOCK_BYTES, JsonEventReader.MAX_RECORD_BYTES);
            }
            problems.addAll(theirs.problems());
            if (!problems.isEmpty()) {
                mismatches.add(name + ": problems " + problems);
            }
            if (theirs.layout() != JsonLayout.CONCATENATED) {
                mismatches.add(name + ": layout " + theirs.layout() + ", expected CONCATENATED");
            }
            if (ours.size() != theirs.events().size()) {
                mismatches.add(name + ": " + ours.size() + " EVTX records, " + theirs.events().size() + " JSON records");
            }
            for (int i = 0; i < Math.min(ours.size(), theirs.events().size()); i++) {
                Map<String, List<String>> e = JsonRead.fields(ours.get(i));
                Map<String, List<String>> j = JsonRead.fields(theirs.events().get(i));
                String where = name + " record " + ours.get(i).recordId();
                records++;
                boolean same = true;
                for (String field : union(e.keySet(), j.keySet())) {
                    fields++;
                    List<String> ev = e.get(field);
                    List<String> jv = j.get(field);
                    if (ev == null || jv == null || ev.size() != jv.size()) {
                        mismatches.add(where + " " + field + ": EVTX " + ev + ", JSON " + jv);
                        same = false;
                        continue;
                    }
                    for (int k = 0; k < ev.size(); k++) {
                        String evtxValue = ev.get(k);
                        String jsonValue = jv.get(k);
                        if (evtxValue.equals(jsonValue)) {
                            continue;
                        }
                        same = false;
                        Loss loss = EVTX_DUMP_LOSSES.stream().filter(l -> l.accepts().test(evtxValue, jsonValue))
                                .findFirst().orElse(null);
                        if (loss != null) {
                            losses.computeIfAbsent(loss.name(), x -> new TreeMap<>()).merge(field, 1, Integer::sum);
                        } else if (TWIN_ERRATA.contains(where + " " + field)) {
                            errataSeen.add(where + " " + field + ": EVTX \"" + ev.get(k) + "\", JSON \"" + jv.get(k) + "\"");
                        } else {
                            mismatches.add(where + " " + field + ": EVTX \"" + ev.get(k) + "\", JSON \"" + jv.get(k) + "\"");
                        }
                    }
                }
                if (same) {
                    exact++;
                }
            }
        }
        StringBuilder summary = new StringBuilder("evtx_dump .json twins read by the JSON reader vs their .evtx read by the"
                + " EVTX reader: " + files + " files, " + records + " records, " + fields + " fields; " + exact
                + " records identical");
        summary.append("\n  differences that are information evtx_dump lost:");
        losses.forEach((loss, byField) -> summary.append("\n    ").append(loss).append(": ")
                .append(byField.values().stream().mapToInt(Integer::intValue).sum()).append(" ").append(byField));
        summary.append("\n  errata of the twins (the .json was not written from this .evtx): ").append(errataSeen);
        summary.append("\n  other differences: ").append(mismatches.size());
        System.out.println(summary);
        if (!mismatches.isEmpty()) {
            fail(summary + "\n" + String.join("\n", mismatches.subList(0, Math.min(50, mismatches.size()))));
        }
        assertEquals(TWIN_ERRATA.size(), errataSeen.size(), "every known erratum still occurs");
    }

    private static List<String> union(Set<String> a, Set<String> b) {
        List<String> out = new ArrayList<>(a);
        for (String s : b) {
            if (!a.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
