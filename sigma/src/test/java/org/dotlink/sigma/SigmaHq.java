package org.dotlink.sigma;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.dotlink.sigma.rule.RuleLoader;

/** SigmaHQ's data beside the repository; tests that need it are skipped, saying so, without it. */
public final class SigmaHq {

    private SigmaHq() {}

    /** The {@code sigma} folder of the shared data. */
    public static Path dir() {
        Path sigma = Path.of(System.getProperty("dotlink.shared.data", "../../shared/data")).resolve("sigma");
        if (!Files.isDirectory(sigma)) {
            System.out.println("SKIPPED: SigmaHQ data not found at " + sigma.toAbsolutePath());
        }
        assumeTrue(Files.isDirectory(sigma), "SigmaHQ data not found at " + sigma.toAbsolutePath());
        return sigma;
    }

    /** Every rule of rules/, rules-emerging-threats/ and rules-threat-hunting/. */
    public static RuleLoader.Result allRules() {
        Path sigma = dir();
        return RuleLoader.loadAll(List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"),
                sigma.resolve("rules-threat-hunting")));
    }
}
