package org.dotlink.intel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackBundleLocatorTest {

    @TempDir
    Path tmp;

    @Test
    void optionThenEnvironmentThenCache() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path option = Files.writeString(tmp.resolve("option.json"), "{}");
        Path env = Files.writeString(tmp.resolve("env.json"), "{}");
        AttackBundleLocator withEnv = new AttackBundleLocator(Map.of("DOTLINK_ATTACK", env.toString()), home);
        AttackBundleLocator noEnv = new AttackBundleLocator(Map.of(), home);

        assertEquals(new BundleLocation(option, "--attack", null), withEnv.locate(option));
        assertEquals(new BundleLocation(env, "$DOTLINK_ATTACK", null), withEnv.locate(null));

        BundleLocation none = noEnv.locate(null);
        assertNull(none.file());
        assertTrue(none.found().isEmpty());
        assertTrue(none.message().contains("dotlink attack update"), none.message());
        assertTrue(none.message().contains(home.resolve(".dotlink/attack/enterprise-attack.json").toString()),
                none.message());

        Path cache = noEnv.cacheFile();
        Files.createDirectories(cache.getParent());
        Files.writeString(cache, "{}");
        assertEquals(new BundleLocation(cache, "cache", null), noEnv.locate(null));
    }

    @Test
    void aNamedFileThatIsMissingIsReportedNotReplaced() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        AttackBundleLocator locator = new AttackBundleLocator(Map.of("DOTLINK_ATTACK", tmp.resolve("gone.json")
                .toString()), home);
        Files.createDirectories(locator.cacheFile().getParent());
        Files.writeString(locator.cacheFile(), "{}");

        BundleLocation fromEnv = locator.locate(null);
        assertNull(fromEnv.file());
        assertTrue(fromEnv.message().startsWith(tmp.resolve("gone.json") + " (from $DOTLINK_ATTACK): no such file"),
                fromEnv.message());
        BundleLocation fromOption = locator.locate(tmp.resolve("nope.json"));
        assertTrue(fromOption.message().startsWith(tmp.resolve("nope.json") + " (from --attack): no such file"),
                fromOption.message());
    }
}
