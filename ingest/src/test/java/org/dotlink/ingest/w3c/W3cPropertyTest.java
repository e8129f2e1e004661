package org.dotlink.ingest.w3c;

import static org.dotlink.ingest.w3c.W3cTestSupport.SOURCE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.dotlink.core.Event;
import org.dotlink.core.ReadProblem;
import org.dotlink.ingest.w3c.W3cTestSupport.Read;

/**
 * Generated W3C logs against a model written here, independently of the reader: several header
 * blocks with random field lists (some without {@code date}, dated by {@code #Date}), values with
 * {@code +}, {@code -}, percent escapes and non-ASCII text, comments, empty lines, broken lines,
 * data before the first header, LF and CRLF. Each case reads with random block limits.
 *
 * <p>Mutation cases (DESIGN.md, "Reliability"): bytes of a generated log are replaced (never by or
 * at a line feed, so line numbers stay), and every line that no mutation touched, under a header
 * block no mutation touched, must give exactly its original outcome: the same event, or the same
 * absence of one, and no problem.
 */
class W3cPropertyTest {

    static final String[] POOL = {"s-sitename", "s-computername", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query",
        "s-port", "cs-username", "c-ip", "cs-version", "cs(User-Agent)", "cs(Cookie)", "cs(Referer)", "cs-host",
        "sc-status", "sc-substatus", "sc-win32-status", "sc-bytes", "cs-bytes", "time-taken", "x-custom"};
    static final String VALUE_CHARS = "abcXYZ019/+%&=.;:()~_\\-üé€中";
    static final Pattern LOCATION = Pattern.compile("line (\\d+)|lines (\\d+)-(\\d+)");

    /** A generated log and what reading it must give. */
    record Model(byte[] bytes, int lineCount, Map<Long, List<String>> events, List<String> problems,
            int[] regionStart) {}

    @Property(tries = 400)
    void readsExactlyWhatTheModelSays(@ForAll long seed) {
        Random random = new Random(seed);
        Model m = generate(random);
        Read r = readWithRandomBlocks(m.bytes(), random);
        List<String> expectedEvents = new ArrayList<>();
        m.events().forEach((line, fields) -> expectedEvents.add(SOURCE + "@" + line + " " + fields));
        assertEquals(expectedEvents, r.eventText());
        assertEquals(m.problems(), r.problemText());
    }

    @Property(tries = 600)
    void linesNoMutationTouchedKeepTheirOutcome(@ForAll long seed) {
        Random random = new Random(seed);
        Model m = generate(random);
        byte[] bytes = m.bytes().clone();
        // line number of every byte
        int[] lineOf = new int[bytes.length];
        int line = 1;
        for (int i = 0; i < bytes.length; i++) {
            lineOf[i] = line;
            if (bytes[i] == '\n') {
                line++;
            }
        }
        Set<Integer> touched = new TreeSet<>();
        int mutations = 1 + random.nextInt(6);
        for (int k = 0; k < mutations && bytes.length > 0; k++) {
            int at = random.nextInt(bytes.length);
            if (bytes[at] == '\n') {
                continue;
            }
            byte b;
            do {
                b = (byte) random.nextInt(256);
            } while (b == '\n');
            if (b != bytes[at]) {
                bytes[at] = b;
                touched.add(lineOf[at]);
            }
        }
        Read r = readWithRandomBlocks(bytes, random);

        // A touched line changes its own outcome; it changes those of the lines after it (up to the next
        // header block) only when it was a directive or became one.
        Set<Integer> directiveLike = new HashSet<>();
        for (int t : touched) {
            if (startsDirective(m.bytes(), t) || startsDirective(bytes, t)) {
                directiveLike.add(t);
            }
        }
        Set<Long> safe = new HashSet<>();
        for (int l = 1; l <= m.lineCount(); l++) {
            int from = m.regionStart()[l];
            boolean ok = !touched.contains(l);
            for (int t : directiveLike) {
                if (t >= from && t < l) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                safe.add((long) l);
            }
        }
        Map<Long, List<String>> got = new HashMap<>();
        for (Event e : r.events()) {
            assertEquals(SOURCE, e.source());
            got.put(e.offset(), W3cTestSupport.fields(e));
        }
        for (long l : safe) {
            assertEquals(m.events().get(l), got.get(l), "line " + l + " (touched: " + touched + ")");
        }
        Map<Long, List<String>> gotProblems = new HashMap<>();
        for (ReadProblem p : r.problems()) {
            assertEquals(SOURCE, p.source());
            Matcher matcher = LOCATION.matcher(p.location());
            assertTrue(matcher.matches(), p.toString());
            long first = Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
            long last = matcher.group(1) != null ? first : Long.parseLong(matcher.group(3));
            assertTrue(1 <= first && first <= last && last <= m.lineCount(), p.toString());
            for (long l = first; l <= last; l++) {
                gotProblems.computeIfAbsent(l, x -> new ArrayList<>()).add(p.toString());
            }
        }
        Map<Long, List<String>> modelProblems = new HashMap<>();
        for (String p : m.problems()) {
            Matcher matcher = Pattern.compile(Pattern.quote(SOURCE) + ": line (\\d+): .*").matcher(p);
            assertTrue(matcher.matches(), p);
            modelProblems.computeIfAbsent(Long.parseLong(matcher.group(1)), x -> new ArrayList<>()).add(p);
        }
        for (long l : safe) {
            assertEquals(modelProblems.getOrDefault(l, List.of()), gotProblems.getOrDefault(l, List.of()),
                    "problems at line " + l + " (touched: " + touched + ")");
        }
    }

    /** True when line {@code line} (1-based) of {@code b} starts with '#' after NUL bytes (and, on line 1, a BOM). */
    static boolean startsDirective(byte[] b, int line) {
        int i = 0;
        for (int l = 1; l < line && i < b.length; i++) {
            if (b[i] == '\n') {
                l++;
            }
        }
        while (i < b.length && b[i] == 0) {
            i++;
        }
        if (line == 1 && i + 2 < b.length && b[i] == (byte) 0xef && b[i + 1] == (byte) 0xbb && b[i + 2] == (byte) 0xbf) {
            i += 3;
        }
        return i < b.length && b[i] == '#';
    }

    private static Read readWithRandomBlocks(byte[] bytes, Random random) {
        int lines = 1 + random.nextInt(random.nextBoolean() ? 8 : 200);
        int blockBytes = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(2000);
        return W3cTestSupport.read(bytes, lines, blockBytes, W3cReader.MAX_LINE_BYTES);
    }

    /** A random log, and line by line what the reader must make of it. */
    static Model generate(Random random) {
        StringBuilder text = new StringBuilder();
        Map<Long, List<String>> events = new java.util.TreeMap<>();
        List<String> problems = new ArrayList<>();
        List<Integer> regionStarts = new ArrayList<>();
        regionStarts.add(0); // line numbers are 1-based
        int line = 0;
        int region = 1;
        List<String> fields = null;
        long fieldsLine = 0;
        String directiveDate = null;

        if (random.nextInt(5) == 0) { // data before any header
            line++;
            regionStarts.add(region);
            text.append("2019-09-03 10:00:00 10.0.0.1 GET /\n");
            problems.add(SOURCE + ": line " + line + ": error: data line before any #Fields directive; expected a"
                    + " \"#Fields:\" line naming the values first");
        }
        int blocks = 1 + random.nextInt(3);
        for (int blk = 0; blk < blocks; blk++) {
            region = line + 1;
            List<String> header = new ArrayList<>();
            header.add("#Software: Microsoft Internet Information Services 10.0");
            header.add("#Version: 1.0");
            boolean withDate = random.nextInt(4) != 0;
            String day = String.format("20%02d-%02d-%02d", random.nextInt(30), 1 + random.nextInt(12),
                    1 + random.nextInt(28));
            header.add("#Date: " + day + " 00:00:00");
            List<String> chosen = new ArrayList<>();
            for (String f : POOL) {
                if (random.nextInt(3) == 0) {
                    chosen.add(f);
                }
            }
            Collections.shuffle(chosen, random);
            if (withDate) {
                chosen.add(0, "time");
                chosen.add(0, "date");
            } else {
                chosen.add(random.nextInt(chosen.size() + 1), "time");
            }
            header.add("#Fields: " + String.join(" ", chosen));
            for (String h : header) {
                line++;
                regionStarts.add(region);
                text.append(h).append(eol(random));
            }
            fields = chosen;
            fieldsLine = line;
            directiveDate = day;

            int data = random.nextInt(25);
            for (int d = 0; d < data; d++) {
                line++;
                regionStarts.add(region);
                int kind = random.nextInt(20);
                if (kind == 0) {
                    text.append(random.nextBoolean() ? "" : "# a comment").append(eol(random));
                    continue;
                }
                String time = String.format("%02d:%02d:%02d", random.nextInt(24), random.nextInt(60), random.nextInt(60));
                String fraction = random.nextInt(4) == 0 ? "." + (1 + random.nextInt(999)) : "";
                List<String> values = new ArrayList<>();
                for (String f : fields) {
                    values.add(switch (f) {
                        case "date" -> day;
                        case "time" -> time + fraction;
                        default -> random.nextInt(3) == 0 ? "-" : value(random);
                    });
                }
                if (kind == 1) { // broken: one value too many or too few
                    if (values.size() > 1 && random.nextBoolean()) {
                        values.remove(values.size() - 1);
                    } else {
                        values.add("extra");
                    }
                    problems.add(SOURCE + ": line " + line + ": error: " + values.size()
                            + (values.size() == 1 ? " value" : " values") + ", but the #Fields directive on line "
                            + fieldsLine + " names " + fields.size() + (fields.size() == 1 ? " field" : " fields")
                            + " (expected one value per field, separated by single spaces); line not read");
                    text.append(String.join(" ", values)).append(eol(random));
                    continue;
                }
                text.append(String.join(" ", values)).append(eol(random));
                events.put((long) line, expected(fields, values, directiveDate, time, fraction));
            }
        }
        if (text.length() > 0 && random.nextInt(4) == 0) { // no line end after the last line
            int cut = text.charAt(text.length() - 1) == '\n' ? (text.length() > 1
                    && text.charAt(text.length() - 2) == '\r' ? 2 : 1) : 0;
            text.setLength(text.length() - cut);
        }
        int[] starts = new int[regionStarts.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = regionStarts.get(i);
        }
        return new Model(text.toString().getBytes(StandardCharsets.UTF_8), line, events, problems, starts);
    }

    /** The event the model expects for one data line. */
    private static List<String> expected(List<String> fields, List<String> values, String day, String time,
            String fraction) {
        List<String> out = new ArrayList<>();
        String frac = fraction.isEmpty() ? "0000000" : (fraction.substring(1) + "000000").substring(0, 7);
        out.add("TimeCreated_SystemTime=" + day + "T" + time + "." + frac + "Z");
        out.add("Channel=W3C");
        String computer = null;
        int sc = fields.indexOf("s-computername");
        int ip = fields.indexOf("s-ip");
        if (sc >= 0 && !values.get(sc).equals("-")) {
            computer = values.get(sc);
        } else if (ip >= 0 && !values.get(ip).equals("-")) {
            computer = values.get(ip);
        }
        if (computer != null) {
            out.add("Computer=" + computer);
        }
        for (int i = 0; i < fields.size(); i++) {
            String v = values.get(i);
            if (v.equals("-")) {
                continue;
            }
            String f = fields.get(i);
            out.add(f + "=" + v);
            switch (f) {
                case "cs(User-Agent)" -> out.add("cs-user-agent=" + v);
                case "cs(Cookie)" -> out.add("cs-cookie=" + v);
                case "cs(Referer)" -> out.add("cs-referer=" + v);
                default -> { }
            }
        }
        return out;
    }

    private static String value(Random random) {
        int n = 1 + random.nextInt(12);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append(VALUE_CHARS.charAt(random.nextInt(VALUE_CHARS.length())));
        }
        String v = b.toString();
        return v.equals("-") ? "--" : v;
    }

    private static String eol(Random random) {
        return random.nextBoolean() ? "\r\n" : "\n";
    }
}
