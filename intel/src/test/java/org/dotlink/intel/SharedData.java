package org.dotlink.intel;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party data beside the repository; tests that need it are skipped, saying so, without it. */
public final class SharedData {

    private static AttackKnowledgeBase kb;

    private SharedData() {}

    /** The shared data folder (system property {@code dotlink.shared.data}); skips the test when absent. */
    public static Path dir() {
        Path dir = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            System.out.println("SKIPPED: shared data not found at " + dir.toAbsolutePath()
                    + " (tests that read the real ATT&CK bundle need ../shared/data beside the repository)");
        }
        assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir.toAbsolutePath());
        return dir;
    }

    /** {@code attack/enterprise-attack.json} in the shared data. */
    public static Path bundle() {
        return dir().resolve("attack/enterprise-attack.json");
    }

    /** The knowledge base of the shared bundle, read once for all tests. */
    public static synchronized AttackKnowledgeBase knowledgeBase() {
        Path bundle = bundle();
        if (kb == null) {
            kb = AttackKnowledgeBase.load(bundle);
        }
        return kb;
    }
}
