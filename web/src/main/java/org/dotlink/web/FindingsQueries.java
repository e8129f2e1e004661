package org.dotlink.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dotlink.store.QueryResult;

/**
 * The queries behind the API, over the store's {@code findings} table (docs/STORE.md): a page of
 * findings, counts, the values the filters offer, the timeline and the technique heatmap. Pages and
 * counts come from the {@link FindingIndex} when the server holds one, else from SQL, with the same
 * answers. Every statement is fixed text; filter values are bound as parameters
 * ({@link FindingFilter#where()}).
 */
public final class FindingsQueries {

    /** The largest page a request may ask for. */
    public static final int MAX_PAGE_SIZE = 500;

    private static final String COLUMNS = "finding_key AS key, time, host, channel, event_id, record_id, source,"
            + " rule_id, rule_title, level, techniques, tactics, story, asset_role, recovered, events, fields";

    private final FindingsDb db;
    private final FindingIndex index;
    private final KnownValues known;
    /** The facets of a read-only store do not change: computed on first use. */
    private volatile Map<String, Object> facets;

    /** Queries over {@code db}, answering pages and counts from {@code index} (null: with SQL). */
    FindingsQueries(FindingsDb db, FindingIndex index) {
        this.db = db;
        this.index = index;
        this.known = index != null ? index.known() : new KnownValues(db);
    }

    /**
     * One page of findings (pages count from 1), in time order, and how many match in all.
     *
     * @return {@code total}, {@code page}, {@code size}, {@code pages} and {@code findings}
     */
    public Map<String, Object> page(FindingFilter filter, int page, int size) {
        if (page < 1) {
            throw new IllegalArgumentException("page: must be 1 or more");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size: must be between 1 and " + MAX_PAGE_SIZE);
        }
        return index != null ? index.page(filter, page, size) : pageWithSql(filter, page, size);
    }

    /** As {@link #page}, always with SQL. */
    Map<String, Object> pageWithSql(FindingFilter filter, int page, int size) {
        FindingFilter.Sql where = filter.where(known);
        long total = count(where);
        List<Object> values = new ArrayList<>(where.values());
        values.add(size);
        values.add((long) (page - 1) * size);
        // The page's keys first, over the narrow filter columns only; then the whole rows of those keys,
        // so that the wide columns (the event's fields) are read for one page, not for every match.
        QueryResult keys = db.with(s -> s.query("SELECT finding_key FROM findings" + where.text()
                + " ORDER BY time NULLS LAST, finding_key LIMIT ? OFFSET ?", values));
        List<Object> pageKeys = new ArrayList<>();
        keys.rows().forEach(r -> pageKeys.add(r.get(0)));
        QueryResult rows = pageKeys.isEmpty() ? keys : db.with(s -> s.query("SELECT " + COLUMNS
                + " FROM findings WHERE finding_key IN (" + String.join(", ", pageKeys.stream().map(k -> "?").toList())
                + ") ORDER BY time NULLS LAST, finding_key", pageKeys));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", total);
        out.put("page", page);
        out.put("size", size);
        out.put("pages", (total + size - 1) / size);
        out.put("findings", Json.rows(rows));
        return out;
    }

    /** How many findings match. */
    public long count(FindingFilter filter) {
        return index != null ? index.count(filter) : count(filter.where(known));
    }

    private long count(FindingFilter.Sql where) {
        QueryResult r = db.with(s -> s.query("SELECT count(*) FROM findings" + where.text(), where.values()));
        return ((Number) r.rows().get(0).get(0)).longValue();
    }

    /** Counts by level, host, rule, technique, tactic and story, and the time range: what the filters offer. */
    public Map<String, Object> facets() {
        Map<String, Object> f = facets;
        if (f == null) {
            f = computeFacets();
            facets = f;
        }
        return f;
    }

    private Map<String, Object> computeFacets() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", count(FindingFilter.NONE));
        out.put("levels", counted("SELECT level AS value, count(*) AS n FROM findings GROUP BY ALL ORDER BY n DESC"));
        out.put("hosts", counted("SELECT host AS value, count(*) AS n FROM findings WHERE host IS NOT NULL"
                + " AND host <> '' GROUP BY ALL ORDER BY n DESC, value LIMIT 1000"));
        out.put("rules", counted("SELECT rule_title AS value, any_value(rule_id) AS id, count(*) AS n"
                + " FROM findings GROUP BY rule_title ORDER BY n DESC, value LIMIT 2000"));
        out.put("techniques", counted("SELECT t AS value, count(*) AS n FROM (SELECT unnest(techniques) AS t"
                + " FROM findings) GROUP BY ALL ORDER BY n DESC, value"));
        out.put("tactics", counted("SELECT t AS value, count(*) AS n FROM (SELECT unnest(tactics) AS t"
                + " FROM findings) GROUP BY ALL ORDER BY n DESC, value"));
        out.put("stories", db.with(s -> s.query("SELECT count(DISTINCT story) FROM findings WHERE story IS NOT NULL",
                List.of())).rows().get(0).get(0));
        List<Map<String, Object>> range = counted("SELECT min(time) AS first, max(time) AS last FROM findings");
        out.put("first", range.get(0).get("first"));
        out.put("last", range.get(0).get("last"));
        return out;
    }

    /**
     * Findings per time bucket and level, over the filtered findings; the bucket width is chosen so
     * that the range fits in about 120 buckets.
     */
    public Map<String, Object> timeline(FindingFilter filter) {
        FindingFilter.Sql where = filter.where(known);
        String timed = where.text().isEmpty() ? " WHERE time IS NOT NULL" : where.text() + " AND time IS NOT NULL";
        List<Map<String, Object>> range = Json.rows(db.with(s -> s.query(
                "SELECT epoch_us(min(time)) AS first, epoch_us(max(time)) AS last FROM findings" + timed,
                where.values())));
        Map<String, Object> out = new LinkedHashMap<>();
        Object first = range.get(0).get("first");
        if (first == null) {
            out.put("bucket_seconds", 0);
            out.put("buckets", List.of());
            return out;
        }
        long from = ((Number) first).longValue();
        long to = ((Number) range.get(0).get("last")).longValue();
        long width = bucketWidth(to - from);
        List<Object> values = new ArrayList<>();
        values.add(width);
        values.add(width);
        values.addAll(where.values());
        List<Map<String, Object>> rows = Json.rows(db.with(s -> s.query(
                "SELECT make_timestamp(epoch_us(time) // ? * ?) AS start, level, count(*) AS n FROM findings"
                        + timed + " GROUP BY ALL ORDER BY start, level", values)));
        out.put("bucket_seconds", width / 1_000_000);
        out.put("buckets", rows);
        return out;
    }

    /** A bucket width in microseconds from a list of round widths: the smallest giving at most 120 buckets. */
    static long bucketWidth(long spanMicros) {
        long[] seconds = {1, 10, 60, 300, 900, 3600, 6 * 3600, 86400, 7 * 86400, 30 * 86400, 365 * 86400L};
        for (long s : seconds) {
            if (spanMicros / (s * 1_000_000) < 120) {
                return s * 1_000_000;
            }
        }
        return 10 * 365 * 86400L * 1_000_000;
    }

    /**
     * Findings per (tactic, technique) as their rules tag them: a finding counts under each pair of its
     * tactics and techniques.
     */
    public List<Map<String, Object>> heatmap() {
        return counted("SELECT tactic, technique, count(*) AS n FROM (SELECT unnest(tactics) AS tactic, technique"
                + " FROM (SELECT tactics, unnest(techniques) AS technique FROM findings))"
                + " GROUP BY ALL ORDER BY tactic, n DESC, technique");
    }

    /** The stories the stored findings name, with their findings' counts, hosts, levels and times. */
    public List<Map<String, Object>> storiesInStore() {
        return counted("SELECT story AS id, count(*) AS findings, list(DISTINCT host ORDER BY host) AS hosts,"
                + " min(time) AS first_seen, max(time) AS last_seen,"
                + " list(DISTINCT level ORDER BY level) AS levels FROM findings WHERE story IS NOT NULL"
                + " GROUP BY story ORDER BY findings DESC, id LIMIT 5000");
    }

    private List<Map<String, Object>> counted(String sql) {
        return Json.rows(db.with(s -> s.query(sql, List.of())));
    }
}
