package org.dotlink.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.hunt.RuleSet;
import org.dotlink.sigma.rule.RuleCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code dotlink rules}: work with Sigma rules. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Work with Sigma rules.",
        subcommands = RulesCommand.Check.class)
final class RulesCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** {@code dotlink rules check}: load and compile rules, and say which fail and why. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Load and compile Sigma rules (.yml files, folders read recursively); list each rule that "
                    + "fails with its file, line and reason, count the rules whose logsource has no mapping "
                    + "(they are matched on their field conditions alone) and those written for other products' logs "
                    + "(linux, zeek, aws, ...) or for other software's logs Sigma names without a product (apache, "
                    + "nginx, database): not run on Windows and web server logs. Parsed rule files are kept in "
                    + "~/.dotlink/rules ($DOTLINK_RULE_CACHE: another folder, or off); a changed file is parsed again.")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Rule files or folders holding them.")
        List<Path> paths;

        @Option(names = "--placeholders", paramLabel = "FILE",
                description = "YAML mapping of placeholder name to values, for rules with the 'expand' modifier;"
                        + " a rule whose placeholder has no values is not loaded.")
        Path placeholders;

        @Option(names = "--list", description = "Also list every loaded rule: file, line, id, title, and whether its"
                + " logsource is mapped.")
        boolean list;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    err.println(p + ": no such file or folder");
                    err.flush();
                    return Dotlink.EXIT_USAGE;
                }
            }
            RuleSet rules;
            try {
                rules = RuleSet.load(paths, null, RuleSet.placeholders(placeholders), RuleCache.fromEnvironment());
            } catch (IllegalArgumentException e) {
                err.println("dotlink rules check: " + e.getMessage());
                err.flush();
                return Dotlink.EXIT_USAGE;
            }
            rules.failures().forEach(err::println);
            if (list) {
                rules.correlations().forEach(c -> out.printf("loaded\t%s\t%s\tcorrelation\t%s%n", c.rule().source(),
                        c.rule().id(), c.rule().title()));
                for (CompiledRule r : rules.rules()) {
                    out.printf("loaded\t%s\t%s\t%s\t%s%n", r.rule().source(), r.rule().id(),
                            r.unmapped() ? "fields-alone" : "mapped", r.rule().title());
                }
            }
            out.printf("dotlink rules check: %,d rules and %,d correlations loaded, %,d failed; %,d loaded rules have"
                    + " a logsource with no"
                    + " mapping and are matched on their field conditions alone; %,d are for other products' logs"
                    + " (%s) and are not run%n", rules.rules().size() + rules.foreignCount(), rules.correlations().size(),
                    rules.failures().size(),
                    rules.unmapped(),
                    rules.foreignCount(), rules.foreign().isEmpty() ? "none" : String.join(", ",
                            rules.foreign().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            out.flush();
            err.flush();
            return rules.failures().isEmpty() ? Dotlink.EXIT_OK : Dotlink.EXIT_INPUT_PROBLEMS;
        }
    }
}
