package org.dotlink.intel.recognition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dotlink.core.Event;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Group;
import org.dotlink.intel.Software;

/**
 * File-hash indicators: lines of {@code HASH;COMMENT} (the format of LOKI's and signature-base's
 * {@code hash-iocs.txt}; a comma works as the separator too), {@code #} starting a comment line. A hash is
 * an MD5, SHA-1 or SHA-256 in hex; lines whose first column is not one are skipped and counted.
 *
 * <p>Events are searched in the fields that carry hashes ({@link #FIELDS}: Sysmon's
 * {@code Hashes=SHA1=...,MD5=...,SHA256=...} and single-hash fields): every hex run of 32, 40 or 64 digits
 * there is looked up. The ATT&amp;CK software and groups a hit's comment names (whole words, ignoring case,
 * names of at least {@value #MIN_NAME} characters) are given with it.
 */
public final class IndicatorList {

    /** Event fields searched for hashes. */
    public static final List<String> FIELDS = List.of("Hashes", "Hash", "MD5", "SHA1", "SHA256", "md5", "sha1",
            "sha256", "FileHash");

    /** Shortest ATT&amp;CK name looked for in comments. */
    public static final int MIN_NAME = 4;

    private static final Pattern HASH = Pattern.compile("(?i)[0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32}");
    private static final Pattern HEX_RUN = Pattern.compile("(?i)(?<![0-9a-f])([0-9a-f]{64}|[0-9a-f]{40}|[0-9a-f]{32})(?![0-9a-f])");

    private final Map<String, String> comments;
    private final int skipped;
    private final Map<String, List<List<String>>> mentions = new HashMap<>();
    private final AttackKnowledgeBase kb;

    private IndicatorList(Map<String, String> comments, int skipped, AttackKnowledgeBase kb) {
        this.comments = comments;
        this.skipped = skipped;
        this.kb = kb;
    }

    /**
     * Reads a hash list.
     *
     * @param kb the knowledge base whose names are looked for in comments; null for none
     */
    public static IndicatorList load(Path file, AttackKnowledgeBase kb) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> comments = new LinkedHashMap<>();
        int skipped = 0;
        for (String line : lines) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int sep = firstSeparator(l);
            String hash = (sep < 0 ? l : l.substring(0, sep)).strip();
            if (!HASH.matcher(hash).matches()) {
                skipped++;
                continue;
            }
            comments.putIfAbsent(hash.toLowerCase(Locale.ROOT), sep < 0 ? "" : l.substring(sep + 1).strip());
        }
        return new IndicatorList(comments, skipped, kb);
    }

    private static int firstSeparator(String line) {
        int semicolon = line.indexOf(';');
        int comma = line.indexOf(',');
        if (semicolon < 0) {
            return comma;
        }
        return comma < 0 ? semicolon : Math.min(semicolon, comma);
    }

    /** The number of hashes held. */
    public int size() {
        return comments.size();
    }

    /** Lines that were neither comments nor a hash with its comment. */
    public int skippedLines() {
        return skipped;
    }

    /** The comment for a hash, when the list holds it. */
    public String comment(String hash) {
        return comments.get(hash.toLowerCase(Locale.ROOT));
    }

    /** The listed hashes found in the event's hash fields. */
    public List<IndicatorHit> match(Event event) {
        List<IndicatorHit> out = new ArrayList<>();
        for (String field : FIELDS) {
            for (String value : event.values(field)) {
                Matcher m = HEX_RUN.matcher(value);
                while (m.find()) {
                    String hash = m.group(1).toLowerCase(Locale.ROOT);
                    String comment = comments.get(hash);
                    if (comment != null) {
                        List<List<String>> named = mentionsIn(comment);
                        out.add(new IndicatorHit(hash, field, comment, named.get(0), named.get(1)));
                    }
                }
            }
        }
        return out;
    }

    /** Software ids and group ids named in a comment (cached per comment). */
    private synchronized List<List<String>> mentionsIn(String comment) {
        return mentions.computeIfAbsent(comment, c -> {
            Set<String> software = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            if (kb != null) {
                String text = c.toLowerCase(Locale.ROOT);
                for (Software s : kb.software()) {
                    if (!s.deprecated() && names(s.name(), s.aliases(), text)) {
                        software.add(s.id());
                    }
                }
                for (Group g : kb.rankableGroups()) {
                    if (names(g.name(), g.aliases(), text)) {
                        groups.add(g.id());
                    }
                }
            }
            return List.of(List.copyOf(software), List.copyOf(groups));
        });
    }

    private static boolean names(String name, List<String> aliases, String text) {
        if (word(name, text)) {
            return true;
        }
        for (String a : aliases) {
            if (word(a, text)) {
                return true;
            }
        }
        return false;
    }

    private static boolean word(String name, String text) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.length() < MIN_NAME) {
            return false;
        }
        int from = 0;
        while (true) {
            int i = text.indexOf(n, from);
            if (i < 0) {
                return false;
            }
            int end = i + n.length();
            boolean startOk = i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = i + 1;
        }
    }
}
