package org.dotlink.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompileException;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.index.RuleIndex;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.SigmaRule;

/** The SigmaHQ rules of the shared data folder, compiled into a rule index, as the detection benchmarks use them. */
final class SharedSigmaRules {

    private SharedSigmaRules() {}

    /**
     * {@code one}: a single process-creation rule ({@code whoami /all}); {@code windows}: every Windows rule of
     * rules/, rules-emerging-threats/ and rules-threat-hunting/ (those whose placeholders have no values fail
     * to compile and are left out, as in a hunt).
     */
    static RuleIndex index(String which) throws IOException {
        Path sigma = SharedEvtxChunks.dataDir().resolve("sigma");
        List<Path> folders = switch (which) {
            case "one" -> List.of(sigma.resolve("rules/windows/process_creation/proc_creation_win_whoami_all_execution.yml"));
            case "windows" -> List.of(sigma.resolve("rules"), sigma.resolve("rules-emerging-threats"), sigma.resolve("rules-threat-hunting"));
            default -> throw new IllegalArgumentException("rules must be one or windows, not " + which);
        };
        RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());
        List<CompiledRule> compiled = new ArrayList<>();
        for (SigmaRule r : RuleLoader.loadAll(folders).rules()) {
            if (r.logsource().product().filter("windows"::equals).isPresent()) {
                try {
                    compiled.add(compiler.compile(r));
                } catch (RuleCompileException e) {
                    // placeholders without values
                }
            }
        }
        System.out.printf("%n%d rules%n", compiled.size());
        return new RuleIndex(compiled);
    }
}
