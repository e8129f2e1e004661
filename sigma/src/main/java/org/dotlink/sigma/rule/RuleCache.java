package org.dotlink.sigma.rule;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Rule files as parsed, kept between runs: reading the YAML of SigmaHQ's 3,700 rules takes about 1 s on
 * two cores in a fresh process, reading them back from here about half of that, and rule folders seldom
 * change. Each folder (or file) loaded has one JSON file
 * here, named by a hash of its absolute path, holding each rule file's documents with the file's size and
 * modification time. A file that is new, or whose size or time differs, is parsed again and the JSON file
 * rewritten; a file that did not parse to its end is never kept, so its problem is reported on every run.
 * The cache is only a copy: a missing, unreadable or outdated JSON file means parsing, never an error.
 */
public final class RuleCache {

    /** Where {@link #fromEnvironment} looks: a folder, or {@code off}; the system property first (tests set it). */
    public static final String ENVIRONMENT = "DOTLINK_RULE_CACHE";
    public static final String PROPERTY = "dotlink.ruleCache";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int VERSION = 1;

    private final Path dir;

    public RuleCache(Path dir) {
        this.dir = dir;
    }

    /**
     * The folder {@code -Ddotlink.ruleCache} or {@code $DOTLINK_RULE_CACHE} names, none when it is {@code off},
     * else {@code ~/.dotlink/rules}.
     */
    public static RuleCache fromEnvironment() {
        String configured = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if ("off".equalsIgnoreCase(configured)) {
            return null;
        }
        return new RuleCache(configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".dotlink", "rules"));
    }

    /** The folder the cache files are in. */
    public Path dir() {
        return dir;
    }

    /** What is cached for the files under {@code root}, read now. */
    Folder folder(Path root) {
        String key = root.toAbsolutePath().normalize().toString();
        Path file = dir.resolve(hash(key) + ".json");
        Map<String, Entry> before = Map.of();
        try {
            Stored stored = JSON.readValue(file.toFile(), Stored.class);
            if (stored.version() == VERSION && stored.files() != null) {
                before = stored.files();
            }
        } catch (IOException | RuntimeException e) {
            // no cache yet, or one written by another version or cut short: the files are parsed
        }
        return new Folder(file, before);
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the JSON file holds. */
    record Stored(int version, Map<String, Entry> files) {}

    /** One rule file: its size and modification time (ns) when parsed, and its documents. */
    record Entry(long size, long modified, List<RuleLoader.Document> documents) {}

    /** One loaded folder's cached files; used by the threads that parse them in parallel. */
    static final class Folder {
        /** No cache: every file is parsed. */
        static final Folder NONE = new Folder(null, Map.of());

        private final Path file;
        private final Map<String, Entry> before;
        private final Map<String, Entry> now = new ConcurrentHashMap<>();
        private volatile boolean changed;

        private Folder(Path file, Map<String, Entry> before) {
            this.file = file;
            this.before = before;
        }

        /** The file's documents: cached when the file is unchanged, else from {@code parser} (and kept when whole). */
        RuleLoader.Parsed parsed(Path ruleFile, Function<Path, RuleLoader.Parsed> parser) {
            if (file == null) {
                return parser.apply(ruleFile);
            }
            String key = ruleFile.toAbsolutePath().normalize().toString();
            long size;
            long modified;
            try {
                BasicFileAttributes a = Files.readAttributes(ruleFile, BasicFileAttributes.class);
                size = a.size();
                modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
            } catch (IOException e) {
                return parser.apply(ruleFile); // the parser names the problem
            }
            Entry known = before.get(key);
            if (known != null && known.size() == size && known.modified() == modified) {
                now.put(key, known);
                return new RuleLoader.Parsed(known.documents(), null);
            }
            RuleLoader.Parsed parsed = parser.apply(ruleFile);
            changed = true;
            if (parsed.problem() == null) {
                now.put(key, new Entry(size, modified, parsed.documents()));
            }
            return parsed;
        }

        /** Writes the cache file when anything changed (written aside, then moved over the old one). */
        void save() {
            if (file == null || (!changed && now.size() == before.size())) {
                return;
            }
            try {
                Files.createDirectories(file.getParent());
                Path partial = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".partial");
                try {
                    JSON.writeValue(partial.toFile(), new Stored(VERSION, now));
                    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } finally {
                    Files.deleteIfExists(partial);
                }
            } catch (IOException | RuntimeException e) {
                // a cache that cannot be written costs the next run its time, nothing else
            }
        }
    }
}
