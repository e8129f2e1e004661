package org.dotlink.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.dotlink.store.Column;
import org.dotlink.store.RowSink;

/**
 * The findings of a store held in memory, in the findings table's order ({@code time NULLS LAST,
 * finding_key}), so that a filtered page and its count are answered without a query: the store is
 * read-only while served, so the copy is read once, when the server starts.
 *
 * <p>Columns with few distinct values (level, rule, host, channel, source, techniques, tactics, story,
 * role, event id, recovered) are kept as one {@code int} code per finding into a table of their values;
 * a filter becomes a {@code boolean} per code, decided once per request. The filtered columns also
 * have posting lists (the positions of each code, in order). A request's time range is a binary search
 * over the times; the condition that passes fewest findings in it (counted with binary searches in its
 * posting lists) gives the candidates in order, and only those are checked against the other conditions
 * and free text. Keys, record ids, the event's fields and a correlation's events are kept per finding
 * (the fields as their UTF-8 JSON text).
 *
 * <p>Answers equal {@link FindingsQueries}'s SQL over the same store (shown by {@code
 * FindingIndexEquivalenceTest}): the same comparisons on the same values, and for free text the same
 * lower-casing: DuckDB's {@code lower()}, applied when the index is built to the titles, hosts and sources
 * (once per distinct value) and to the fields of findings whose fields are not plain ASCII; plain ASCII
 * fields are lower-cased in Java (A-Z only, as {@code lower()} does).
 *
 * <p>Free text over many findings searches blocks of lower-cased fields ({@code String.indexOf}, one
 * call per match); over few candidates, each one's fields.
 *
 * <p>Memory: about the bytes of keys, twice those of fields, and 150 bytes per finding (estimated
 * before building; over {@link #MAX_HEAP_SHARE} of the heap the index is not built and the SQL path serves).
 */
final class FindingIndex {

    /** The largest share of the maximum heap the index may take; above it, findings are queried with SQL. */
    static final double MAX_HEAP_SHARE = 0.6;

    /** Memory per finding besides its key and fields: codes, times, record ids, array headers. */
    private static final long BYTES_PER_FINDING = 150;

    /**
     * The findings in table order. Lists come as JSON text (cheaper to read than arrays, and one text per
     * list), decoded once per distinct list.
     */
    private static final String COLUMNS_READ = "SELECT finding_key, epoch_us(time), level, rule_id, rule_title, host,"
            + " channel, event_id, record_id, source, CAST(to_json(techniques) AS VARCHAR),"
            + " CAST(to_json(tactics) AS VARCHAR), story, asset_role, recovered, CAST(events AS VARCHAR),"
            + " CAST(fields AS VARCHAR), CASE WHEN strlen(CAST(fields AS VARCHAR)) <> length(CAST(fields AS VARCHAR))"
            + " THEN lower(CAST(fields AS VARCHAR)) END"
            + " FROM findings ORDER BY time NULLS LAST, finding_key";

    private static final long NO_TIME = Long.MIN_VALUE;
    /** Findings per search block. */
    static final int BLOCK = 4096;
    private static final char SEPARATOR = '\u0000';
    private static final byte[] ASCII_LOWER = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            ASCII_LOWER[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
        }
    }

    private final int size;
    /** Findings with a time come first (NULLS LAST): {@code timed} of them. */
    private final int timed;
    private final long[] times;
    private final byte[][] keys;
    /** Record ids; {@code Long.MIN_VALUE} for NULL (a correlation). */
    private final long[] recordIds;
    private final byte[][] fields;
    /** DuckDB's {@code lower()} of the fields, for findings whose fields are not plain ASCII; else null. */
    private final byte[][] loweredFields;
    /** A correlation's events (JSON text) by position; most findings have none. */
    private final Map<Integer, String> events;
    /**
     * The lower-cased fields of {@link #BLOCK} findings after one another, each followed by {@link
     * #SEPARATOR}, so that free text over many findings is one {@code String.indexOf} per match.
     */
    private final String[] searchBlocks;
    /** Where each finding's lower-cased fields start in its search block. */
    private final int[] searchStarts;

    private final Codes level;
    private final Codes rule;
    private final Codes host;
    private final Codes channel;
    private final Codes eventId;
    private final Codes source;
    private final Codes techniques;
    private final Codes tactics;
    private final Codes story;
    private final Codes role;
    private final Codes recovered;
    private final KnownValues known;

    private FindingIndex(Builder b) {
        size = b.count;
        timed = b.timed;
        times = b.times;
        keys = b.keys;
        recordIds = b.recordIds;
        fields = b.fields;
        loweredFields = b.loweredFields;
        events = b.events;
        searchBlocks = b.searchBlocks.toArray(new String[0]);
        searchStarts = b.searchStarts;
        level = b.level;
        rule = b.rule;
        host = b.host;
        channel = b.channel;
        eventId = b.eventId;
        source = b.source;
        techniques = b.techniques;
        tactics = b.tactics;
        story = b.story;
        role = b.role;
        recovered = b.recovered;
        for (Codes filtered : List.of(level, rule, host, techniques, story)) {
            filtered.index();
        }
        List<String> hosts = new ArrayList<>();
        host.values.stream().filter(Objects::nonNull).forEach(h -> hosts.add((String) h));
        Set<String> ids = new LinkedHashSet<>();
        techniques.values.stream().filter(Objects::nonNull).forEach(list -> ((List<?>) list).stream()
                .filter(Objects::nonNull).forEach(t -> ids.add(String.valueOf(t))));
        known = new KnownValues(hosts, List.copyOf(ids));
    }

    /**
     * Reads the findings of {@code db} into memory, reporting progress to {@code log}; null when they
     * would take more than {@link #MAX_HEAP_SHARE} of the heap (said in {@code log}).
     */
    static FindingIndex build(FindingsDb db, Consumer<String> log) {
        return build(db, log, (long) (Runtime.getRuntime().maxMemory() * MAX_HEAP_SHARE));
    }

    /** As {@link #build(FindingsDb, Consumer)}, with at most {@code maxBytes} of memory for the index. */
    static FindingIndex build(FindingsDb db, Consumer<String> log, long maxBytes) {
        List<Object> sizes = db.with(s -> s.query("SELECT count(*), coalesce(sum(strlen(finding_key)), 0),"
                + " coalesce(sum(strlen(CAST(fields AS VARCHAR))), 0), coalesce(sum(strlen(CAST(events AS VARCHAR))), 0)"
                + " FROM findings", List.of())).rows().get(0);
        long count = ((Number) sizes.get(0)).longValue();
        long bytes = ((Number) sizes.get(1)).longValue() + 2 * ((Number) sizes.get(2)).longValue()
                + 2 * ((Number) sizes.get(3)).longValue() + count * BYTES_PER_FINDING;
        if (count > Integer.MAX_VALUE - 8 || bytes > maxBytes) {
            log.accept(String.format("not indexing %,d findings in memory: about %,d MB, more than the %,d MB"
                    + " allowed (%.0f%% of the heap; raise it with -Xmx); findings are queried with SQL, which is slower",
                    count, bytes >> 20, maxBytes >> 20, MAX_HEAP_SHARE * 100));
            return null;
        }
        log.accept(String.format("indexing %,d findings in memory (about %,d MB) ...", count, bytes >> 20));
        long t0 = System.nanoTime();
        Builder b = new Builder((int) count, log, lowered(db, "rule_title"), lowered(db, "host"), lowered(db, "source"));
        db.with(s -> {
            s.query(COLUMNS_READ, List.of(), b);
            return null;
        });
        if (b.count != count) {
            throw new IllegalStateException("findings changed while being indexed: " + count + " then " + b.count);
        }
        FindingIndex index = new FindingIndex(b);
        log.accept(String.format("indexed %,d findings in %.1f s", count, (System.nanoTime() - t0) / 1e9));
        return index;
    }

    /** Each distinct value of {@code column} with DuckDB's {@code lower()} of it. */
    private static Map<String, String> lowered(FindingsDb db, String column) {
        Map<String, String> out = new HashMap<>();
        db.with(s -> s.query("SELECT DISTINCT " + column + ", lower(" + column + ") FROM findings WHERE " + column
                + " IS NOT NULL", List.of())).rows().forEach(r -> out.put((String) r.get(0), (String) r.get(1)));
        return out;
    }

    /** How many findings are held. */
    int size() {
        return size;
    }

    /** The stored hosts and technique ids, for filters. */
    KnownValues known() {
        return known;
    }

    /** How many findings match. */
    long count(FindingFilter filter) {
        return scan(filter, 0, 0).total;
    }

    /** As {@link FindingsQueries#page}: one page of findings in table order, and how many match in all. */
    Map<String, Object> page(FindingFilter filter, int page, int size) {
        long offset = (long) (page - 1) * size;
        Matches m = scan(filter, offset, size);
        List<Map<String, Object>> rows = new ArrayList<>(m.positions.length);
        for (int p : m.positions) {
            rows.add(row(p));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", m.total);
        out.put("page", page);
        out.put("size", size);
        out.put("pages", (m.total + size - 1) / size);
        out.put("findings", rows);
        return out;
    }

    private record Matches(long total, int[] positions) {}

    /**
     * Counts the findings that match and keeps the positions of those from {@code offset} on, at most
     * {@code limit}. The time range is a binary search; of the other conditions, the one that passes the
     * fewest findings in that range (counted on its posting lists) gives the candidates, in order, and
     * the others and free text are checked on each of them.
     */
    private Matches scan(FindingFilter f, long offset, int limit) {
        int lo = 0;
        int hi = size;
        if (f.from() != null || f.to() != null) {
            hi = timed;
            if (f.from() != null) {
                lo = firstAtOrAfter(micros(f.from()));
            }
            if (f.to() != null) {
                hi = firstAtOrAfter(micros(f.to()) + 1);
            }
        }
        if (hi <= lo) {
            return new Matches(0, new int[0]);
        }
        List<Condition> conditions = new ArrayList<>();
        if (!f.levels().isEmpty()) {
            conditions.add(new Condition(level, level.matching(f.levels()::contains)));
        }
        if (f.rule() != null) {
            conditions.add(new Condition(rule, rule.matching(r -> f.rule().equals(((RuleValue) r).id)
                    || f.rule().equals(((RuleValue) r).title))));
        }
        if (f.host() != null) {
            List<String> wanted = known.hostsMatching(f.host());
            conditions.add(new Condition(host, host.matching(wanted::contains)));
        }
        if (f.technique() != null) {
            List<String> wanted = known.techniquesUnder(f.technique());
            conditions.add(new Condition(techniques, techniques.matching(
                    list -> ((List<?>) list).stream().anyMatch(wanted::contains))));
        }
        if (f.story() != null) {
            conditions.add(new Condition(story, story.matching(f.story()::equals)));
        }
        Text text = f.text() == null ? null : new Text(f.text());
        Condition best = null;
        long fewest = hi - lo;
        for (Condition c : conditions) {
            long n = c.count(lo, hi);
            if (n < fewest || best == null && n == fewest) {
                best = c;
                fewest = n;
            }
        }
        if (best != null && conditions.size() == 1 && text == null) {
            // one condition: its count is the total, and the page is read from its posting lists
            int[] first = best.inOrder(lo, hi, (int) Math.min(fewest, offset + limit));
            int from = (int) Math.min(first.length, offset);
            return new Matches(fewest, Arrays.copyOfRange(first, from, first.length));
        }
        if (best == null && text == null) {
            // only a time range, or nothing
            int from = (int) Math.min(hi, lo + offset);
            int[] page = new int[Math.min(limit, hi - from)];
            Arrays.setAll(page, k -> from + k);
            return new Matches(hi - lo, page);
        }
        if (text != null && best != null && fewest > (hi - lo) / 16) {
            // free text over most of the range: searched in the blocks of lower-cased fields, not per finding
            best = null;
        }
        int[] candidates = best == null ? null : best.inOrder(lo, hi, (int) fewest);
        List<Condition> others = new ArrayList<>(conditions);
        others.remove(best);
        Condition[] checks = others.toArray(new Condition[0]);
        long total = 0;
        int[] kept = new int[limit];
        int k = 0;
        if (candidates == null && text != null) {
            // every finding of the range: from one fields match to the next, or one by one when a title,
            // host or source matches
            int next = text.nextFieldsMatch(lo, hi);
            for (int i = text.anyNamed ? lo : next; i < hi; i = text.anyNamed ? i + 1 : next) {
                boolean hit = i == next;
                if (hit) {
                    next = text.nextFieldsMatch(i + 1, hi);
                }
                if (!hit && !text.named(i) || !passes(checks, i)) {
                    continue;
                }
                if (total >= offset && k < limit) {
                    kept[k++] = i;
                }
                total++;
            }
            return new Matches(total, Arrays.copyOf(kept, k));
        }
        int n = candidates == null ? hi - lo : candidates.length;
        for (int c = 0; c < n; c++) {
            int i = candidates == null ? lo + c : candidates[c];
            if (!passes(checks, i) || text != null && !text.matches(i)) {
                continue;
            }
            if (total >= offset && k < limit) {
                kept[k++] = i;
            }
            total++;
        }
        return new Matches(total, Arrays.copyOf(kept, k));
    }

    private static boolean passes(Condition[] checks, int i) {
        for (Condition check : checks) {
            if (!check.passes[check.column.codes[i]]) {
                return false;
            }
        }
        return true;
    }

    /** A condition on one coded column: which of its codes pass. */
    private record Condition(Codes column, boolean[] passes) {

        /** How many findings in positions {@code [lo, hi)} pass. */
        long count(int lo, int hi) {
            long n = 0;
            for (int c = 0; c < passes.length; c++) {
                if (passes[c]) {
                    n += column.countIn(c, lo, hi);
                }
            }
            return n;
        }

        /** The first {@code max} positions in {@code [lo, hi)} that pass, in order. */
        int[] inOrder(int lo, int hi, int max) {
            int only = -1;
            int passing = 0;
            for (int c = 0; c < passes.length; c++) {
                if (passes[c]) {
                    only = c;
                    passing++;
                }
            }
            if (passing == 0 || max == 0) {
                return new int[0];
            }
            if (passing == 1) {
                int[] list = column.postings[only];
                int from = firstAtOrAfter(list, lo);
                return Arrays.copyOfRange(list, from, from + Math.min(max, firstAtOrAfter(list, hi) - from));
            }
            // several codes: their positions marked in a bitmap of the range, read back in order
            long[] bits = new long[((hi - lo) >>> 6) + 1];
            for (int c = 0; c < passes.length; c++) {
                if (passes[c]) {
                    int[] list = column.postings[c];
                    for (int j = firstAtOrAfter(list, lo), end = firstAtOrAfter(list, hi); j < end; j++) {
                        int bit = list[j] - lo;
                        bits[bit >>> 6] |= 1L << bit;
                    }
                }
            }
            int[] out = new int[max];
            int n = 0;
            for (int w = 0; w < bits.length && n < max; w++) {
                long word = bits[w];
                while (word != 0 && n < max) {
                    out[n++] = lo + (w << 6) + Long.numberOfTrailingZeros(word);
                    word &= word - 1;
                }
            }
            return n == max ? out : Arrays.copyOf(out, n);
        }
    }

    /** The first index of sorted {@code list} whose value is at least {@code value}. */
    private static int firstAtOrAfter(int[] list, int value) {
        int i = Arrays.binarySearch(list, value);
        return i >= 0 ? i : -i - 1;
    }

    /** The first position (among the timed findings) whose time is at least {@code micros}. */
    private int firstAtOrAfter(long micros) {
        int lo = 0;
        int hi = timed;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] < micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * Microseconds since the epoch, truncated as the SQL path's time text is; times beyond what a long
     * holds (a year past 292,000) stand for the first or last possible time.
     */
    private static long micros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE - 1;
        }
    }

    /** Free text as the SQL path finds it: in the lower-cased title, host, source or fields. */
    private final class Text {
        private final String lowerCased;
        private final byte[] wanted;
        private final boolean[] titles;
        private final boolean[] hosts;
        private final boolean[] sources;
        /** Whether any title, host or source contains the text. */
        final boolean anyNamed;

        Text(String lowerCased) {
            this.lowerCased = lowerCased;
            wanted = lowerCased.getBytes(StandardCharsets.UTF_8);
            titles = rule.matching(r -> ((RuleValue) r).loweredTitle != null
                    && ((RuleValue) r).loweredTitle.contains(lowerCased));
            hosts = host.lowered(lowerCased);
            sources = source.lowered(lowerCased);
            boolean any = false;
            for (boolean[] named : List.of(titles, hosts, sources)) {
                for (boolean b : named) {
                    any |= b;
                }
            }
            anyNamed = any;
        }

        /** Whether finding {@code i}'s title, host or source contains the text. */
        boolean named(int i) {
            return titles[rule.codes[i]] || hosts[host.codes[i]] || sources[source.codes[i]];
        }

        boolean matches(int i) {
            if (named(i)) {
                return true;
            }
            byte[] lowered = loweredFields[i];
            return containsFolded(lowered != null ? lowered : fields[i], wanted);
        }

        /** The first finding in {@code [from, hi)} whose lower-cased fields contain the text, else {@code hi}. */
        int nextFieldsMatch(int from, int hi) {
            if (lowerCased.indexOf(SEPARATOR) >= 0) {
                return hi; // fields text never holds the separator: JSON escapes control characters
            }
            for (int i = from; i < hi; ) {
                int block = i / BLOCK;
                String text = searchBlocks[block];
                int found = text.indexOf(lowerCased, searchStarts[i]);
                int blockEnd = Math.min(size, (block + 1) * BLOCK);
                if (found < 0) {
                    i = blockEnd;
                    continue;
                }
                // the finding whose text holds the match: the last one starting at or before it
                int at = Arrays.binarySearch(searchStarts, block * BLOCK, blockEnd, found);
                int match = at >= 0 ? at : -at - 2;
                return Math.min(match, hi);
            }
            return hi;
        }
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long SPACES = 0x2020202020202020L;

    /**
     * Whether {@code text}, its ASCII letters lower-cased, contains {@code wanted} (which has no
     * upper-case ASCII). Candidates are found eight bytes at a time: bytes that equal the first two
     * wanted bytes once 0x20 is set in both (which folds ASCII case, and lets a few other bytes through);
     * each candidate is then compared exactly.
     */
    static boolean containsFolded(byte[] text, byte[] wanted) {
        if (text == null || text.length < wanted.length) {
            return false;
        }
        int last = text.length - wanted.length;
        if (wanted.length < 2 || last < 8) {
            for (int i = 0; i <= last; i++) {
                if (matchesAt(text, i, wanted)) {
                    return true;
                }
            }
            return false;
        }
        long first = ONES * ((wanted[0] | 0x20) & 0xff);
        long second = ONES * ((wanted[1] | 0x20) & 0xff);
        int i = 0;
        // 8 starting positions per step, while the second byte's 8 bytes are inside the text
        for (; i + 9 <= text.length && i <= last; i += 8) {
            long a = ((long) LONGS.get(text, i) | SPACES) ^ first;
            long b = ((long) LONGS.get(text, i + 1) | SPACES) ^ second;
            if ((zeroBytes(a) & zeroBytes(b)) != 0) {
                for (int j = i; j < i + 8 && j <= last; j++) {
                    if (matchesAt(text, j, wanted)) {
                        return true;
                    }
                }
            }
        }
        for (; i <= last; i++) {
            if (matchesAt(text, i, wanted)) {
                return true;
            }
        }
        return false;
    }

    /** A high bit in every byte of {@code x} that may be zero (never missing one that is). */
    private static long zeroBytes(long x) {
        return (x - ONES) & ~x & HIGHS;
    }

    private static boolean matchesAt(byte[] text, int at, byte[] wanted) {
        for (int j = 0; j < wanted.length; j++) {
            if (ASCII_LOWER[text[at + j] & 0xff] != wanted[j]) {
                return false;
            }
        }
        return true;
    }

    /** A finding as the SQL path's page returns it (same names, order and values). */
    private Map<String, Object> row(int i) {
        RuleValue r = (RuleValue) rule.value(i);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", new String(keys[i], StandardCharsets.UTF_8));
        m.put("time", times[i] == NO_TIME ? null
                : Json.time(Instant.ofEpochSecond(Math.floorDiv(times[i], 1_000_000L), Math.floorMod(times[i], 1_000_000L) * 1000)));
        m.put("host", host.value(i));
        m.put("channel", channel.value(i));
        m.put("event_id", eventId.value(i));
        m.put("record_id", recordIds[i] == Long.MIN_VALUE ? null : recordIds[i]);
        m.put("source", source.value(i));
        m.put("rule_id", r.id);
        m.put("rule_title", r.title);
        m.put("level", level.value(i));
        m.put("techniques", techniques.value(i));
        m.put("tactics", tactics.value(i));
        m.put("story", story.value(i));
        m.put("asset_role", role.value(i));
        m.put("recovered", recovered.value(i));
        String e = events.get(i);
        m.put("events", e == null ? null : json(e.getBytes(StandardCharsets.UTF_8)));
        m.put("fields", fields[i] == null ? null : json(fields[i]));
        return m;
    }

    private static Object json(byte[] text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new String(text, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A rule as the findings name it: its id and title (a filter matches either), and the title lower-cased by DuckDB. */
    private record RuleValue(String id, String title, String loweredTitle) {

        @Override
        public boolean equals(Object o) {
            return o instanceof RuleValue v && Objects.equals(id, v.id) && Objects.equals(title, v.title);
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, title);
        }
    }

    /**
     * One column as a code per finding into the table of its distinct values (code 0 is NULL), with each
     * value's DuckDB-lower-cased text where free text searches the column.
     */
    private static final class Codes {
        final List<Object> values = new ArrayList<>();
        final List<String> loweredValues = new ArrayList<>();
        final Map<Object, Integer> byValue = new HashMap<>();
        final int[] codes;
        /** For each code, the positions that have it, in order. */
        int[][] postings;
        /** The value a code stands for, from the value read. */
        private final Function<Object, Object> decode;

        Codes(int size) {
            this(size, Function.identity());
        }

        Codes(int size, Function<Object, Object> decode) {
            this.decode = decode;
            codes = new int[size];
            values.add(null);
            loweredValues.add("");
        }

        void set(int i, Object value, String lowered) {
            if (value == null) {
                codes[i] = 0;
                return;
            }
            Integer code = byValue.get(value);
            if (code == null) {
                code = values.size();
                byValue.put(value, code);
                values.add(decode.apply(value));
                loweredValues.add(lowered == null ? "" : lowered);
            }
            codes[i] = code;
        }

        Object value(int i) {
            return values.get(codes[i]);
        }

        /** Builds the posting lists once every code is set. */
        void index() {
            int[] sizes = new int[values.size()];
            for (int c : codes) {
                sizes[c]++;
            }
            postings = new int[sizes.length][];
            for (int c = 0; c < sizes.length; c++) {
                postings[c] = new int[sizes[c]];
            }
            int[] filled = new int[sizes.length];
            for (int i = 0; i < codes.length; i++) {
                postings[codes[i]][filled[codes[i]]++] = i;
            }
        }

        /** How many positions in {@code [lo, hi)} have {@code code}. */
        int countIn(int code, int lo, int hi) {
            int[] list = postings[code];
            return firstAtOrAfter(list, hi) - firstAtOrAfter(list, lo);
        }

        /** One flag per code: whether its value passes; NULL never does. */
        boolean[] matching(Predicate<Object> test) {
            boolean[] out = new boolean[values.size()];
            for (int c = 1; c < out.length; c++) {
                out[c] = test.test(values.get(c));
            }
            return out;
        }

        /** One flag per code: whether its lower-cased text contains {@code text} (NULL's is ""). */
        boolean[] lowered(String text) {
            boolean[] out = new boolean[values.size()];
            for (int c = 0; c < out.length; c++) {
                out[c] = loweredValues.get(c).contains(text);
            }
            return out;
        }
    }

    /** Receives the rows of {@link #COLUMNS_READ}. */
    private static final class Builder implements RowSink {
        private final Consumer<String> log;
        final int expected;
        int count;
        int timed;
        final long[] times;
        final byte[][] keys;
        final long[] recordIds;
        final byte[][] fields;
        final byte[][] loweredFields;
        final Map<Integer, String> events = new HashMap<>();
        final List<String> searchBlocks = new ArrayList<>();
        final int[] searchStarts;
        private final StringBuilder block = new StringBuilder();
        final Codes level;
        final Codes rule;
        final Codes host;
        final Codes channel;
        final Codes eventId;
        final Codes source;
        final Codes techniques;
        final Codes tactics;
        final Codes story;
        final Codes role;
        final Codes recovered;

        private final Map<String, String> loweredTitles;
        private final Map<String, String> loweredHosts;
        private final Map<String, String> loweredSources;

        Builder(int size, Consumer<String> log, Map<String, String> loweredTitles, Map<String, String> loweredHosts,
                Map<String, String> loweredSources) {
            this.log = log;
            this.loweredTitles = loweredTitles;
            this.loweredHosts = loweredHosts;
            this.loweredSources = loweredSources;
            expected = size;
            times = new long[size];
            keys = new byte[size][];
            recordIds = new long[size];
            fields = new byte[size][];
            loweredFields = new byte[size][];
            searchStarts = new int[size];
            level = new Codes(size);
            rule = new Codes(size);
            host = new Codes(size);
            channel = new Codes(size);
            eventId = new Codes(size);
            source = new Codes(size);
            techniques = new Codes(size, Builder::list);
            tactics = new Codes(size, Builder::list);
            story = new Codes(size);
            role = new Codes(size);
            recovered = new Codes(size);
        }

        @Override
        public void columns(List<Column> columns) {}

        @Override
        public void row(List<Object> v) {
            int i = count;
            if (i >= expected) {
                throw new IllegalStateException("findings changed while being indexed: more than " + expected);
            }
            keys[i] = utf8(v.get(0));
            Object time = v.get(1);
            times[i] = time == null ? NO_TIME : ((Number) time).longValue();
            if (time != null) {
                timed = i + 1;
            }
            level.set(i, v.get(2), null);
            rule.set(i, new RuleValue((String) v.get(3), (String) v.get(4), loweredTitles.get(v.get(4))), null);
            host.set(i, v.get(5), loweredHosts.get(v.get(5)));
            channel.set(i, v.get(6), null);
            eventId.set(i, v.get(7), null);
            recordIds[i] = v.get(8) == null ? Long.MIN_VALUE : ((Number) v.get(8)).longValue();
            source.set(i, v.get(9), loweredSources.get(v.get(9)));
            techniques.set(i, v.get(10), null);
            tactics.set(i, v.get(11), null);
            story.set(i, v.get(12), null);
            role.set(i, v.get(13), null);
            recovered.set(i, v.get(14), null);
            if (v.get(15) != null) {
                events.put(i, (String) v.get(15));
            }
            String fieldsText = (String) v.get(16);
            String loweredText = (String) v.get(17);
            fields[i] = utf8(fieldsText);
            loweredFields[i] = utf8(loweredText);
            searchStarts[i] = block.length();
            if (loweredText != null) {
                block.append(loweredText);
            } else if (fieldsText != null) {
                // plain ASCII: lower() changes A-Z only, as toLowerCase does
                block.append(fieldsText.toLowerCase(Locale.ROOT));
            }
            block.append(SEPARATOR);
            count++;
            if (count % BLOCK == 0 || count == expected) {
                searchBlocks.add(block.toString());
                block.setLength(0);
            }
            if (count % 250_000 == 0) {
                log.accept(String.format("indexed %,d of %,d findings", count, expected));
            }
        }

        /** A list read as JSON text ({@code ["T1003","T1059.001"]}). */
        private static Object list(Object json) {
            try {
                return Json.MAPPER.readValue((String) json, List.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a list the store gave as JSON is not JSON: " + json, e);
            }
        }

        private static byte[] utf8(Object s) {
            return s == null ? null : ((String) s).getBytes(StandardCharsets.UTF_8);
        }
    }
}
