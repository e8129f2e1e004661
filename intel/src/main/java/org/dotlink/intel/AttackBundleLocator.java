package org.dotlink.intel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Decides which ATT&amp;CK bundle to use, in DESIGN.md's order: the file given with {@code --attack}, else
 * the file named by the environment variable {@code DOTLINK_ATTACK}, else the cache that
 * {@code dotlink attack update} fills ({@code ~/.dotlink/attack/enterprise-attack.json}). A file that was
 * named but does not exist is reported, not silently replaced by the next choice.
 */
public final class AttackBundleLocator {

    /** The environment variable naming a bundle file. */
    public static final String ENV = "DOTLINK_ATTACK";

    private static final String HOW = "give --attack FILE, set " + ENV + "=FILE, or run 'dotlink attack update' to"
            + " download MITRE's current Enterprise ATT&CK bundle into ";

    private final Map<String, String> env;
    private final Path home;

    /**
     * @param env  the environment to read {@code DOTLINK_ATTACK} from
     * @param home the user's home folder, where the cache lives
     */
    public AttackBundleLocator(Map<String, String> env, Path home) {
        this.env = env;
        this.home = home;
    }

    /** The locator for this process: its environment and {@code user.home}. */
    public static AttackBundleLocator system() {
        return new AttackBundleLocator(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The cache file: {@code ~/.dotlink/attack/enterprise-attack.json}. */
    public Path cacheFile() {
        return home.resolve(".dotlink").resolve("attack").resolve("enterprise-attack.json");
    }

    /**
     * Which bundle to use.
     *
     * @param option the {@code --attack} value, or null when not given
     */
    public BundleLocation locate(Path option) {
        if (option != null) {
            return checked(option, "--attack");
        }
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return checked(Path.of(fromEnv.trim()), "$" + ENV);
        }
        Path cache = cacheFile();
        if (Files.isRegularFile(cache)) {
            return new BundleLocation(cache, "cache", null);
        }
        return new BundleLocation(null, null, "no ATT&CK bundle found: " + HOW + cache);
    }

    private BundleLocation checked(Path file, String origin) {
        if (Files.isRegularFile(file)) {
            return new BundleLocation(file, origin, null);
        }
        return new BundleLocation(null, null, file + " (from " + origin + "): no such file; " + HOW + cacheFile());
    }
}
