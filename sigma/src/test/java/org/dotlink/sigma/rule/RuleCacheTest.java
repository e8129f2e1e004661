package org.dotlink.sigma.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.dotlink.sigma.SigmaHq;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules loaded through the cache are the rules parsed from their files, whatever changed in between. */
class RuleCacheTest {

    @TempDir
    Path tmp;

    private static String rule(String title) {
        return """
                title: %s
                logsource: {product: windows, service: security}
                detection:
                  sel: {EventID: 4625}
                  condition: sel
                """.formatted(title);
    }

    private static List<String> titles(RuleLoader.Result r) {
        return r.rules().stream().map(SigmaRule::title).toList();
    }

    @Test
    void changedNewRemovedAndBrokenFilesAreReadAgain() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        RuleCache cache = new RuleCache(tmp.resolve("cache"));
        Files.writeString(rules.resolve("a.yml"), rule("first"));
        Files.writeString(rules.resolve("b.yml"), rule("second"));
        Files.writeString(rules.resolve("broken.yml"), "title: [unclosed\n");
        RuleLoader.Result first = RuleLoader.loadAll(List.of(rules), cache);
        assertEquals(List.of("first", "second"), titles(first));
        assertEquals(1, first.problems().size(), first.problems().toString());
        assertTrue(Files.list(cache.dir()).anyMatch(f -> f.toString().endsWith(".json")), "a cache file was written");

        // unchanged: the same rules and the same problem, the broken file parsed (and reported) again
        assertEquals(first, RuleLoader.loadAll(List.of(rules), cache));
        assertEquals(first, RuleLoader.loadAll(List.of(rules)));

        // a file changed (same size, other time; then other size), one added, one removed
        FileTime before = Files.getLastModifiedTime(rules.resolve("a.yml"));
        Files.writeString(rules.resolve("a.yml"), rule("FIRST"));
        Files.setLastModifiedTime(rules.resolve("a.yml"), FileTime.fromMillis(before.toMillis() + 2000));
        Files.writeString(rules.resolve("c.yml"), rule("third"));
        Files.delete(rules.resolve("b.yml"));
        RuleLoader.Result later = RuleLoader.loadAll(List.of(rules), cache);
        assertEquals(List.of("FIRST", "third"), titles(later));
        assertEquals(RuleLoader.loadAll(List.of(rules)), later);
        Files.writeString(rules.resolve("a.yml"), rule("first again, longer"));
        assertEquals(List.of("first again, longer", "third"), titles(RuleLoader.loadAll(List.of(rules), cache)));
    }

    @Test
    void aDamagedCacheFileMeansParsing() throws Exception {
        Path rules = Files.createDirectories(tmp.resolve("rules"));
        Files.writeString(rules.resolve("a.yml"), rule("first"));
        RuleCache cache = new RuleCache(tmp.resolve("cache"));
        RuleLoader.loadAll(List.of(rules), cache);
        try (var files = Files.list(cache.dir())) {
            for (Path f : files.toList()) {
                Files.writeString(f, "{\"version\": 1, \"files\": {\"" + rules.resolve("a.yml").toAbsolutePath());
            }
        }
        assertEquals(List.of("first"), titles(RuleLoader.loadAll(List.of(rules), cache)));
        assertEquals(List.of("first"), titles(RuleLoader.loadAll(List.of(rules), cache)), "and the cache is whole again");
    }

    /** Every SigmaHQ rule, loaded once to fill the cache and once from it: both equal to parsing the files. */
    @Test
    void sigmaHqRulesFromTheCacheEqualTheParsedOnes() {
        Path sigma = SigmaHq.dir();
        List<Path> folders = List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"), sigma.resolve("rules-threat-hunting"));
        RuleLoader.Result parsed = RuleLoader.loadAll(folders);
        RuleCache cache = new RuleCache(tmp.resolve("cache"));
        assertEquals(parsed, RuleLoader.loadAll(folders, cache));
        RuleLoader.Result cached = RuleLoader.loadAll(folders, cache);
        assertEquals(parsed, cached);
        assertTrue(cached.rules().size() > 3700, cached.rules().size() + " rules");
    }
}
