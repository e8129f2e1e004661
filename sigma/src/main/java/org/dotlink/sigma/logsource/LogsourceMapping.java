package org.dotlink.sigma.logsource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.dotlink.sigma.rule.Logsource;

/**
 * The one place that says which events a rule's {@code logsource} means: channels, event ids, extra
 * field conditions, and how the rule's field names map onto the event's where they differ (Security
 * 4688 writes {@code NewProcessName} where Sysmon and the rules write {@code Image}). The facts are data,
 * in {@code windows-logsources.tsv} beside this class; nothing here branches on a particular logsource.
 */
public final class LogsourceMapping {

    /**
     * One kind of event a logsource means.
     *
     * @param channels      the event's {@code Channel} is one of these
     * @param eventIds      its {@code EventID} is one of these; empty means any
     * @param conditions    further fields that must have these values (Sysmon registry event types)
     * @param fieldMappings rule field name to event field name, where they differ
     */
    public record Target(List<String> channels, Set<Integer> eventIds, Map<String, String> conditions,
                         Map<String, String> fieldMappings) {
        public Target {
            channels = List.copyOf(channels);
            eventIds = Set.copyOf(eventIds);
            conditions = Map.copyOf(conditions);
            fieldMappings = Map.copyOf(fieldMappings);
        }
    }

    private record Row(String product, String category, String service, List<String> channels, Set<Integer> eventIds,
                       Map<String, String> conditions, Map<String, String> fieldMappings) {}

    private static final String TABLE = "windows-logsources.tsv";
    /** The channels of a row for logs no reader produces. */
    private static final List<String> UNREAD = List.of("none");
    private static final LogsourceMapping BUILT_IN = load();

    private final List<Row> rows;

    private LogsourceMapping(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The mapping shipped with Dotlink. */
    public static LogsourceMapping builtIn() {
        return BUILT_IN;
    }

    /**
     * The targets a logsource means; empty when the table does not know it, in which case a rule is
     * matched on its field conditions alone.
     */
    public List<Target> targets(Logsource logsource) {
        List<Target> out = new ArrayList<>();
        for (Row r : rows(logsource)) {
            if (!r.channels().equals(UNREAD)) {
                List<String> channels = r.channels().isEmpty() ? serviceChannels(r.product(), r.service()) : r.channels();
                out.add(new Target(channels, r.eventIds(), r.conditions(), r.fieldMappings()));
            }
        }
        return out;
    }

    /** The rows a logsource matches. */
    private List<Row> rows(Logsource logsource) {
        String product = logsource.product().orElse(null);
        Optional<String> category = logsource.category();
        Optional<String> service = logsource.service();
        List<Row> out = new ArrayList<>();
        for (Row r : rows) {
            if (!r.product().equals(product == null ? "-" : product)) {
                continue; // a row with product '-' is for logsources that name none (webserver)
            }
            boolean match = category.isPresent()
                    ? category.get().equals(r.category()) && service.map(s -> s.equals(r.service())).orElse(true)
                    : r.category() == null && service.isPresent() && service.get().equals(r.service());
            if (match) {
                out.add(r);
            }
        }
        return out;
    }

    /**
     * False for a logsource whose product no reader produces logs of (linux, macos, zeek, aws, cisco, ...):
     * such rules are not run on Windows and web server events, where a negated condition on fields those
     * events never have would fire on everything. The same for the logs of other software that Sigma names
     * without a product (the table's rows with channels {@code none}: Apache's and nginx's own logs,
     * databases'). Any other logsource without a product is readable.
     */
    public boolean readable(Logsource logsource) {
        if (logsource.product().isPresent()) {
            String p = logsource.product().get();
            return rows.stream().anyMatch(r -> r.product().equalsIgnoreCase(p));
        }
        List<Row> matched = rows(logsource);
        return matched.isEmpty() || matched.stream().anyMatch(r -> !r.channels().equals(UNREAD));
    }

    private List<String> serviceChannels(String product, String service) {
        for (Row r : rows) {
            if (r.category() == null && r.product().equals(product) && r.service().equals(service)) {
                return r.channels();
            }
        }
        throw new IllegalStateException(TABLE + ": no channels for service '" + service + "'");
    }

    private static LogsourceMapping load() {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = LogsourceMapping.class.getResourceAsStream(TABLE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE + " is missing from the class path");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] c = line.split("\t", -1);
                if (c.length != 7) {
                    throw new IllegalStateException(TABLE + ":" + n + ": expected 7 tab-separated columns, found " + c.length);
                }
                rows.add(new Row(c[0], dash(c[1]), c[2], list(c[3], "\\|"), ids(c[4]), pairs(c[5]), pairs(c[6])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LogsourceMapping(rows);
    }

    private static String dash(String s) {
        return s.equals("-") ? null : s;
    }

    private static List<String> list(String s, String separator) {
        return s.equals("-") ? List.of() : Arrays.asList(s.split(separator));
    }

    private static Set<Integer> ids(String s) {
        Set<Integer> out = new LinkedHashSet<>();
        for (String id : list(s, ",")) {
            out.add(Integer.parseInt(id.strip()));
        }
        return out;
    }

    private static Map<String, String> pairs(String s) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : list(s, ";")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
        return out;
    }
}
