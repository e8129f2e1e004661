package org.dotlink.web;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.dotlink.core.Level;

/**
 * The filters of the findings table, as given in a request's query string, and their SQL: a WHERE
 * clause with {@code ?} placeholders and the values to bind to them, in order. No value given by a
 * request ever becomes part of the SQL text.
 *
 * @param levels    levels to keep ({@code level=high,critical}); empty for all
 * @param rule      a rule's id or its exact title; null for all
 * @param host      a host, as logged or normalized (case-insensitive, with or without its DNS domain)
 * @param technique an ATT&CK technique id; its sub-techniques match too ({@code T1003} finds {@code T1003.001})
 * @param story     a story id
 * @param from      the earliest time, inclusive
 * @param to        the latest time, inclusive
 * @param text      free text, found case-insensitively in the rule's title, the host, the source and the event's fields
 */
public record FindingFilter(List<String> levels, String rule, String host, String technique, String story,
                            Instant from, Instant to, String text) {

    private static final DateTimeFormatter SQL_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS");

    /** The longest free-text or other single filter value accepted. */
    static final int MAX_VALUE = 500;

    /** No filter: every finding. */
    public static final FindingFilter NONE = new FindingFilter(List.of(), null, null, null, null, null, null, null);

    /**
     * Reads the filters from query parameters ({@code param} gives a parameter's value, or null).
     *
     * @throws IllegalArgumentException naming the parameter when a value is not valid
     */
    public static FindingFilter parse(Function<String, String> param) {
        List<String> levels = new ArrayList<>();
        String level = value(param, "level");
        if (level != null) {
            for (String l : level.split(",")) {
                if (!l.isBlank()) {
                    try {
                        levels.add(Level.parse(l).label());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("level: not a level: " + l.strip()
                                + " (informational, low, medium, high, critical)");
                    }
                }
            }
        }
        String text = value(param, "q");
        return new FindingFilter(List.copyOf(levels), value(param, "rule"), value(param, "host"),
                value(param, "technique"), value(param, "story"), time(param, "from"), time(param, "to"),
                text == null ? null : text.toLowerCase(Locale.ROOT));
    }

    private static String value(Function<String, String> param, String name) {
        String v = param.apply(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        if (v.length() > MAX_VALUE) {
            throw new IllegalArgumentException(name + ": longer than " + MAX_VALUE + " characters");
        }
        return v.strip();
    }

    /** An ISO-8601 time: an instant ({@code 2021-03-03T10:00:00Z}), or a date and time read as UTC. */
    private static Instant time(Function<String, String> param, String name) {
        String v = value(param, name);
        if (v == null) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new IllegalArgumentException(name + ": not an ISO-8601 time: " + v);
            }
        }
    }

    /** As {@link #where(Known)}, matching hosts and techniques exactly as given. */
    public Sql where() {
        return where(Known.EXACT);
    }

    /**
     * The WHERE clause ({@code ""} without filters, else starting with {@code " WHERE "}) and its values.
     * {@code known} turns a host or technique into the stored values it stands for, so that the SQL
     * compares plain values (an {@code IN} list) rather than calling functions on every row.
     */
    public Sql where(Known known) {
        List<String> terms = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        if (!levels.isEmpty()) {
            terms.add("level IN (" + String.join(", ", levels.stream().map(l -> "?").toList()) + ")");
            values.addAll(levels);
        }
        if (rule != null) {
            terms.add("(rule_id = ? OR rule_title = ?)");
            values.add(rule);
            values.add(rule);
        }
        if (host != null) {
            List<String> hosts = known.hostsMatching(host);
            terms.add("host IN (" + placeholders(hosts.size()) + ")");
            values.addAll(hosts);
        }
        if (technique != null) {
            List<String> ids = known.techniquesUnder(technique);
            terms.add("(" + String.join(" OR ", ids.stream().map(t -> "list_contains(techniques, ?)").toList()) + ")");
            values.addAll(ids);
        }
        if (story != null) {
            terms.add("story = ?");
            values.add(story);
        }
        if (from != null) {
            terms.add("time >= CAST(? AS TIMESTAMP)");
            values.add(sqlTime(from));
        }
        if (to != null) {
            terms.add("time <= CAST(? AS TIMESTAMP)");
            values.add(sqlTime(to));
        }
        if (text != null) {
            terms.add("(contains(lower(rule_title), ?) OR contains(lower(coalesce(host, '')), ?)"
                    + " OR contains(lower(coalesce(source, '')), ?) OR contains(lower(CAST(fields AS VARCHAR)), ?))");
            for (int i = 0; i < 4; i++) {
                values.add(text);
            }
        }
        return new Sql(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), List.copyOf(values));
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    private static String sqlTime(Instant t) {
        return SQL_TIME.format(LocalDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** The stored values a host or technique filter stands for. */
    public interface Known {

        /** Values as given: a host is one stored host, a technique one stored id. */
        Known EXACT = new Known() {
            @Override
            public List<String> hostsMatching(String host) {
                return List.of(host);
            }

            @Override
            public List<String> techniquesUnder(String technique) {
                return List.of(technique);
            }
        };

        /** The stored hosts a host filter matches (never empty: the value itself when none does). */
        List<String> hostsMatching(String host);

        /** The stored technique ids a filter matches: itself and its sub-techniques (never empty). */
        List<String> techniquesUnder(String technique);
    }

    /** A piece of SQL with {@code ?} placeholders and the values for them, in order. */
    public record Sql(String text, List<Object> values) {}
}
