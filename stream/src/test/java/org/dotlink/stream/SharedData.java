package org.dotlink.stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The third-party data beside the repository; tests that need it are skipped, saying so, without it. */
final class SharedData {
    private SharedData() {}

    static Path dir() {
        Path dir = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data"));
        if (!Files.isDirectory(dir)) {
            System.out.println("SKIPPED: shared data not found at " + dir.toAbsolutePath()
                    + " (tests that read real logs need ../shared/data beside the repository)");
        }
        assumeTrue(Files.isDirectory(dir), "shared data not found at " + dir.toAbsolutePath());
        return dir;
    }
}
