package org.dotlink.ingest.evtx;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.EventBatch;
import org.junit.jupiter.api.Assumptions;

/**
 * What the two conformance tests share: where the shared data is, our reader's records as field
 * lists, the field-by-field comparison through named {@link Normalize} conventions, and the tally
 * of what was compared and what differed.
 */
final class Conformance {

    private Conformance() {}

    /** The shared third-party data directory; skips the calling test when it is absent. */
    static Path sharedDataOrSkip() {
        String p = System.getProperty("dotlink.shared.data");
        Assumptions.assumeTrue(p != null && !p.isBlank(),
                "system property dotlink.shared.data is not set (surefire sets it, see pom.xml); test skipped");
        Path dir = Path.of(p).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir + "; test skipped");
        return dir;
    }

    static List<Path> evtxFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".evtx")).sorted().toList();
        }
    }

    /** Our reader's records of one file, in order, and every problem it reported. */
    record Ours(List<Event> events, List<ReadProblem> problems) {}

    static Ours readOurs(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file)) {
            for (EventBatch b : EvtxReader.readAll(in, file.toString())) {
                events.addAll(b.events());
                problems.addAll(b.problems());
            }
        }
        return new Ours(events, problems);
    }

    /** An event's fields as name to values in order (one value, or several when the name repeats). */
    static Map<String, List<String>> fields(Event e) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (int i = 0; i < e.fieldCount(); i++) {
            Object v = e.fieldValue(i);
            out.put(e.fieldName(i), v instanceof String s ? List.of(s) : List.of((String[]) v));
        }
        return out;
    }

    /** Adds a value to a field of a reference record under construction. */
    static void put(Map<String, List<String>> fields, String name, String value) {
        fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    /**
     * A named way in which another tool writes a value differently from us: {@code test} says whether
     * our value and theirs are the same value under that convention. Built from {@link Normalize}
     * functions only, so that every accepted difference has a name and unit tests.
     */
    record Convention(String name, BiPredicate<String, String> test) {
        /** Ours must equal {@code f(theirs)}: their rendering, converted to ours. */
        static Convention onTheirs(String name, UnaryOperator<String> f) {
            return new Convention(name, (our, their) -> our.equals(f.apply(their)));
        }

        boolean accepts(String our, String their) {
            return test.test(our, their);
        }
    }

    record Mismatch(String file, String record, String field, String ours, String theirs) {
        @Override
        public String toString() {
            return file + " record " + record + " " + field + ": ours " + show(ours) + " vs theirs " + show(theirs);
        }
    }

    /** Counts and mismatches, safe to fill from several threads. */
    static final class Tally {
        final LongAdder files = new LongAdder();
        final LongAdder records = new LongAdder();
        final LongAdder fields = new LongAdder();
        final Map<String, LongAdder> conventionUses = new ConcurrentHashMap<>();
        /** Per convention, the fields it was needed for and how often. */
        final Map<String, Map<String, LongAdder>> conventionFields = new ConcurrentHashMap<>();
        final Map<String, LongAdder> mismatchesByField = new ConcurrentHashMap<>();
        private final List<Mismatch> mismatches = new ArrayList<>();
        /** Differences known to lie in the reference data itself, expected exactly (see {@link #expect}). */
        private final Map<Mismatch, String> errata = new ConcurrentHashMap<>();
        private final Set<Mismatch> errataSeen = ConcurrentHashMap.newKeySet();

        /** Counts one use of a named conversion applied while reading the other tool's output. */
        void used(String convention) {
            conventionUses.computeIfAbsent(convention, k -> new LongAdder()).increment();
        }

        /**
         * Declares a difference that lies in the reference data, not in either parser (for example a
         * twin that was edited by hand): it must occur exactly as given, and is then reported apart
         * instead of failing the test. One that no longer occurs fails the test, so that the list
         * cannot go stale.
         */
        void expect(Mismatch m, String why) {
            errata.put(m, why);
        }

        void mismatch(Mismatch m) {
            if (errata.containsKey(m)) {
                errataSeen.add(m);
                return;
            }
            mismatchesByField.computeIfAbsent(m.field(), k -> new LongAdder()).increment();
            synchronized (mismatches) {
                mismatches.add(m);
            }
        }

        /** By file (files are compared in parallel), in record order within a file. */
        List<Mismatch> mismatches() {
            List<Mismatch> copy;
            synchronized (mismatches) {
                copy = new ArrayList<>(mismatches);
            }
            copy.sort(java.util.Comparator.comparing(Mismatch::file));
            return copy;
        }

        /**
         * Compares one record field by field: the same names, the same number of values per name,
         * and each value equal directly or through one of the named conventions.
         */
        void compare(String file, String record, Map<String, List<String>> ours, Map<String, List<String>> theirs,
                List<Convention> conventions) {
            records.increment();
            for (Map.Entry<String, List<String>> t : theirs.entrySet()) {
                String name = t.getKey();
                List<String> o = ours.get(name);
                List<String> th = t.getValue();
                fields.increment();
                if (o == null) {
                    mismatch(new Mismatch(file, record, name, null, String.join(" | ", th)));
                    continue;
                }
                if (o.size() != th.size()) {
                    mismatch(new Mismatch(file, record, name + " (value count)", o.size() + " " + o, th.size() + " " + th));
                    continue;
                }
                for (int i = 0; i < o.size(); i++) {
                    String field = o.size() == 1 ? name : name + "[" + i + "]";
                    if (!equal(name, o.get(i), th.get(i), conventions)) {
                        mismatch(new Mismatch(file, record, field, o.get(i), th.get(i)));
                    }
                }
            }
            for (Map.Entry<String, List<String>> o : ours.entrySet()) {
                if (!theirs.containsKey(o.getKey())) {
                    mismatch(new Mismatch(file, record, o.getKey(), String.join(" | ", o.getValue()), null));
                }
            }
        }

        private boolean equal(String field, String our, String their, List<Convention> conventions) {
            if (our.equals(their)) {
                return true;
            }
            for (Convention c : conventions) {
                if (c.accepts(our, their)) {
                    used(c.name());
                    conventionFields.computeIfAbsent(c.name(), k -> new ConcurrentHashMap<>())
                            .computeIfAbsent(field, k -> new LongAdder()).increment();
                    return true;
                }
            }
            return false;
        }

        String summary(String what) {
            StringBuilder sb = new StringBuilder(what).append(": compared ").append(files.sum()).append(" files, ")
                    .append(records.sum()).append(" records, ").append(fields.sum()).append(" fields");
            sb.append("\n  values equal only through a named convention:");
            if (conventionUses.isEmpty()) {
                sb.append(" none");
            }
            new TreeMap<>(sums(conventionUses)).forEach((name, n) -> {
                sb.append("\n    ").append(name).append(": ").append(n);
                Map<String, LongAdder> byField = conventionFields.get(name);
                if (byField != null) {
                    List<Map.Entry<String, Long>> top = new ArrayList<>(sums(byField).entrySet());
                    top.sort(Map.Entry.<String, Long>comparingByValue().reversed());
                    sb.append(" (").append(String.join(", ", top.stream().limit(6)
                            .map(e -> e.getKey() + " " + e.getValue()).toList()))
                            .append(top.size() > 6 ? ", ... " + (top.size() - 6) + " more fields" : "").append(')');
                }
            });
            if (!errata.isEmpty()) {
                sb.append("\n  known errata in the reference data (expected exactly): ").append(errataSeen.size())
                        .append(" of ").append(errata.size()).append(" seen");
                errata.forEach((m, why) -> sb.append("\n    ").append(errataSeen.contains(m) ? "" : "NOT SEEN: ")
                        .append(m).append(" -- ").append(why));
            }
            sb.append("\n  mismatches: ").append(mismatches().size());
            if (!mismatchesByField.isEmpty()) {
                sb.append(" by field ").append(new TreeMap<>(sums(mismatchesByField)));
            }
            return sb.toString();
        }

        void assertNone(String what) {
            List<Mismatch> all = mismatches();
            if (all.isEmpty() && errataSeen.size() == errata.size()) {
                return;
            }
            StringBuilder sb = new StringBuilder(summary(what)).append('\n');
            all.stream().limit(50).forEach(m -> sb.append("  ").append(m).append('\n'));
            if (all.size() > 50) {
                sb.append("  ... and ").append(all.size() - 50).append(" more");
                Path list = Path.of("target", "conformance", what.replaceAll("\\W+", "-") + "-mismatches.txt");
                try {
                    Files.createDirectories(list.getParent());
                    Files.write(list, all.stream().map(Mismatch::toString).toList());
                    sb.append(", all listed in ").append(list.toAbsolutePath());
                } catch (IOException e) {
                    sb.append(" (could not list them in ").append(list).append(": ").append(e).append(')');
                }
                sb.append('\n');
            }
            fail(sb.toString());
        }
    }

    private static Map<String, Long> sums(Map<String, LongAdder> m) {
        Map<String, Long> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** A value for a one-line report: quoted, control characters escaped, long ones cut. */
    static String show(String s) {
        if (s == null) {
            return "(absent)";
        }
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length() && sb.length() < 160; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() >= 160) {
            sb.append("...(").append(s.length()).append(" chars)");
        }
        return sb.append('"').toString();
    }
}
