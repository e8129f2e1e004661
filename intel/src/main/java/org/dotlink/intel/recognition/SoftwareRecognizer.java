package org.dotlink.intel.recognition;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.dotlink.core.Detection;
import org.dotlink.core.Event;
import org.dotlink.intel.AttackKnowledgeBase;
import org.dotlink.intel.Software;

/**
 * Recognises ATT&amp;CK software by file name ({@code psexec.exe} → S0029 PsExec, {@code mimikatz.exe} → S0002
 * Mimikatz) and from rule tags ({@code attack.s0002}, carried as {@link org.dotlink.core.RuleInfo#software()}).
 *
 * <p>The table is made of the names and aliases of the knowledge base's software (deprecated excluded), under
 * these rules, which keep short or common words from matching ordinary files:
 * <ul>
 *   <li>only names that could be a file's base name: one token of letters, digits, {@code -} and {@code _}
 *       ({@code Cobalt Strike}, {@code China Chopper} never match a file name);</li>
 *   <li>a {@code malware} name must have at least {@value #MIN_MALWARE_NAME} characters ({@code Page},
 *       {@code Play}, {@code zlib}, {@code Epic} are malware aliases in ATT&amp;CK and would match innocent
 *       files); a {@code tool} name may be short, because ATT&amp;CK's tools are named after their binaries
 *       ({@code at}, {@code net}, {@code reg}, {@code arp}), and these are what ATT&amp;CK lists groups using;</li>
 *   <li>names that Windows' own processes carry ({@code svchost}, {@code explorer}, {@code lsass}, ...; see
 *       {@link #WINDOWS_PROCESSES}) never match, whatever software claims them;</li>
 *   <li>a name claimed by two software entries is dropped as ambiguous.</li>
 * </ul>
 * A file name is reduced to its base name, lower case, cut at the first dot ({@code PsExec.c}, the
 * {@code OriginalFileName} PsExec carries, gives {@code psexec}); a trailing {@code 64} or {@code 32} is also
 * tried without it ({@code PsExec64.exe}). The event fields looked at are {@link #FIELDS}.
 */
public final class SoftwareRecognizer {

    /** Shortest {@code malware} name matched against file names. */
    public static final int MIN_MALWARE_NAME = 5;

    /** Event fields holding a process's file name. */
    public static final List<String> FIELDS = List.of("OriginalFileName", "Image", "NewProcessName", "ParentImage");

    /** Windows process names that are never taken for software, whatever ATT&amp;CK software claims them. */
    public static final Set<String> WINDOWS_PROCESSES = Set.of("svchost", "explorer", "lsass", "services", "winlogon",
            "csrss", "smss", "wininit", "conhost", "dllhost", "taskhost", "taskhostw", "spoolsv", "rundll32", "regsvr32",
            "msiexec", "wmiprvse", "searchindexer", "system", "userinit", "sihost", "ctfmon");

    private static final Pattern TOKEN = Pattern.compile("[a-z0-9_-]+");

    private final AttackKnowledgeBase kb;
    private final Map<String, String> byName;

    private SoftwareRecognizer(AttackKnowledgeBase kb, Map<String, String> byName) {
        this.kb = kb;
        this.byName = byName;
    }

    /** The recognizer over the knowledge base's software. */
    public static SoftwareRecognizer of(AttackKnowledgeBase kb) {
        Map<String, String> table = new HashMap<>();
        Set<String> ambiguous = new HashSet<>();
        for (Software s : kb.software()) {
            if (s.deprecated()) {
                continue;
            }
            Set<String> names = new HashSet<>();
            names.add(s.name());
            names.addAll(s.aliases());
            for (String n : names) {
                String key = n.trim().toLowerCase(Locale.ROOT);
                if (!TOKEN.matcher(key).matches() || WINDOWS_PROCESSES.contains(key)
                        || (!s.tool() && key.length() < MIN_MALWARE_NAME)) {
                    continue;
                }
                String before = table.putIfAbsent(key, s.id());
                if (before != null && !before.equals(s.id())) {
                    ambiguous.add(key);
                }
            }
        }
        ambiguous.forEach(table::remove);
        return new SoftwareRecognizer(kb, Collections.unmodifiableMap(table));
    }

    /** The names matched against file names, with the software id each gives. */
    public Map<String, String> table() {
        return byName;
    }

    /** The software a file (a path or a bare name) is, if its name says so. */
    public Optional<Software> fromFileName(String pathOrName) {
        if (pathOrName == null) {
            return Optional.empty();
        }
        String name = pathOrName.trim();
        int slash = Math.max(name.lastIndexOf('\\'), name.lastIndexOf('/'));
        name = name.substring(slash + 1).toLowerCase(Locale.ROOT);
        int dot = name.indexOf('.');
        if (dot >= 0) {
            name = name.substring(0, dot);
        }
        String id = byName.get(name);
        if (id == null && name.length() > 2 && (name.endsWith("64") || name.endsWith("32"))) {
            id = byName.get(name.substring(0, name.length() - 2));
        }
        return id == null ? Optional.empty() : kb.software(id);
    }

    /** Software ids named by the event's process file names ({@link #FIELDS}). */
    public Set<String> fromEvent(Event event) {
        Set<String> out = new TreeSet<>();
        for (String field : FIELDS) {
            for (String v : event.values(field)) {
                fromFileName(v).ifPresent(s -> out.add(s.id()));
            }
        }
        return out;
    }

    /** Software ids from a field map (as in {@code findings.jsonl}): its {@link #FIELDS} values. */
    public Set<String> fromFields(Map<String, ?> fields) {
        Set<String> out = new TreeSet<>();
        for (String field : FIELDS) {
            Object v = fields.get(field);
            if (v instanceof String s) {
                fromFileName(s).ifPresent(x -> out.add(x.id()));
            } else if (v instanceof List<?> list) {
                for (Object o : list) {
                    if (o instanceof String s) {
                        fromFileName(s).ifPresent(x -> out.add(x.id()));
                    }
                }
            }
        }
        return out;
    }

    /** Software ids of a detection: its rule's {@code attack.sNNNN} tags and its event's file names. */
    public Set<String> fromDetection(Detection detection) {
        Set<String> out = new TreeSet<>();
        for (String id : detection.rule().software()) {
            kb.software(id).ifPresent(s -> out.add(s.id()));
        }
        if (detection.event() != null) {
            out.addAll(fromEvent(detection.event()));
        }
        return out;
    }
}
