package org.dotlink.sigma;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared data beside the repository ({@code ../shared/data}, or the system property
 * {@code dotlink.shared.data}); tests that need it are skipped, saying so, without it.
 */
public final class SharedData {

    private SharedData() {}

    /** {@code relative} inside the shared data; skips the calling test when it is not there. */
    public static Path path(String relative) {
        Path p = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data")).resolve(relative);
        if (!Files.exists(p)) {
            System.out.println("SKIPPED: shared data not found at " + p.toAbsolutePath());
        }
        assumeTrue(Files.exists(p), "shared data not found at " + p.toAbsolutePath());
        return p;
    }
}
