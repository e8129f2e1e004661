package org.dotlink.sigma.builtin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dotlink.sigma.rule.CorrelationRule;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.RuleProblem;
import org.dotlink.sigma.rule.SigmaFilter;
import org.dotlink.sigma.rule.SigmaRule;

/**
 * Dotlink's own rules, shipped as class-path resources beside this class. Resources in a jar cannot be
 * listed, so {@code index.txt} names the rule files, one per line (blank lines and lines starting with
 * {@code #} are ignored). Each rule's source is {@code builtin:<file>:<line>}.
 */
public final class BuiltinRules {

    /** What the sources of built-in rules start with. */
    public static final String SOURCE_PREFIX = "builtin:";

    private static final String INDEX = "index.txt";

    private BuiltinRules() {}

    /** The rule files {@code index.txt} lists, in its order. */
    public static List<String> fileNames() {
        try (InputStream in = BuiltinRules.class.getResourceAsStream(INDEX)) {
            if (in == null) {
                throw new IllegalStateException("builtin rules: " + INDEX + " is missing from the class path");
            }
            List<String> names = new ArrayList<>();
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return List.copyOf(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads every rule {@code index.txt} lists. A listed file that is missing or does not load is a
     * problem naming it; the other files still load.
     */
    public static RuleLoader.Result load() {
        List<SigmaRule> rules = new ArrayList<>();
        List<RuleProblem> problems = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        for (String name : fileNames()) {
            String source = SOURCE_PREFIX + name;
            InputStream in = BuiltinRules.class.getResourceAsStream(name);
            if (in == null) {
                problems.add(new RuleProblem(source, 0, "listed in " + INDEX + " but missing from the class path"));
                continue;
            }
            RuleLoader.Result r = RuleLoader.load(source, new InputStreamReader(in, StandardCharsets.UTF_8));
            rules.addAll(r.rules());
            problems.addAll(r.problems());
            correlations.addAll(r.correlations());
            filters.addAll(r.filters());
        }
        return new RuleLoader.Result(rules, problems, correlations, filters);
    }
}
