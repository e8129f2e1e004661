package org.dotlink.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.dotlink.core.HostNames;

/**
 * The distinct hosts and technique ids of the findings, read once: a host filter matches the stored
 * hosts equal to it ignoring case or whose name without DNS domain is, a technique filter matches the
 * id and its sub-techniques. The store is read-only while served, so the lists do not change.
 */
final class KnownValues implements FindingFilter.Known {

    private final List<String> hosts;
    private final List<String> techniques;

    KnownValues(FindingsDb db) {
        this(strings(db, "SELECT DISTINCT host FROM findings WHERE host IS NOT NULL"),
                strings(db, "SELECT DISTINCT t FROM (SELECT unnest(techniques) AS t FROM findings)"));
    }

    /** The distinct stored hosts and technique ids, as already read (by {@link FindingIndex}). */
    KnownValues(List<String> hosts, List<String> techniques) {
        this.hosts = List.copyOf(hosts);
        this.techniques = List.copyOf(techniques);
    }

    private static List<String> strings(FindingsDb db, String sql) {
        List<String> out = new ArrayList<>();
        db.with(s -> s.query(sql, List.of())).rows().forEach(r -> out.add(String.valueOf(r.get(0))));
        return out;
    }

    @Override
    public List<String> hostsMatching(String host) {
        String wanted = host.toLowerCase(Locale.ROOT);
        String wantedShort = HostNames.normalize(host);
        List<String> out = new ArrayList<>();
        for (String h : hosts) {
            if (h.toLowerCase(Locale.ROOT).equals(wanted) || HostNames.normalize(h).equals(wantedShort)
                    && !wantedShort.isEmpty() && wanted.equals(wantedShort)) {
                out.add(h);
            }
        }
        return out.isEmpty() ? List.of(host) : out;
    }

    @Override
    public List<String> techniquesUnder(String technique) {
        String wanted = technique.toUpperCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String t : techniques) {
            if (t.equals(wanted) || t.startsWith(wanted + ".")) {
                out.add(t);
            }
        }
        return out.isEmpty() ? List.of(technique) : out;
    }
}
