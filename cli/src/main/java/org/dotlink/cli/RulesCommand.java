package org.dotlink.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.dotlink.sigma.compile.CompiledRule;
import org.dotlink.sigma.compile.RuleCompileException;
import org.dotlink.sigma.compile.RuleCompiler;
import org.dotlink.sigma.logsource.LogsourceMapping;
import org.dotlink.sigma.rule.RuleLoader;
import org.dotlink.sigma.rule.RuleProblem;
import org.dotlink.sigma.rule.SigmaRule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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
                    + "fails with its file, line and reason, and count the rules whose logsource has no mapping "
                    + "(they are matched on their field conditions alone).")
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "DIR|FILE", description = "Rule files or folders holding them.")
        List<Path> paths;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleCompiler compiler = new RuleCompiler(LogsourceMapping.builtIn(), Map.of());
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    err.println(p + ": no such file or folder");
                    err.flush();
                    return Dotlink.EXIT_USAGE;
                }
            }
            RuleLoader.Result found = RuleLoader.loadAll(paths);
            List<String> failures = new ArrayList<>();
            found.problems().stream().map(RuleProblem::toString).forEach(failures::add);
            int loaded = 0;
            int unmapped = 0;
            for (SigmaRule rule : found.rules()) {
                try {
                    CompiledRule compiled = compiler.compile(rule);
                    loaded++;
                    if (compiled.unmapped()) {
                        unmapped++;
                    }
                } catch (RuleCompileException e) {
                    failures.add(e.getMessage());
                }
            }
            failures.forEach(err::println);
            out.printf("dotlink rules check: %,d rules loaded, %,d failed; %,d loaded rules have a logsource with no"
                    + " mapping and are matched on their field conditions alone%n", loaded, failures.size(), unmapped);
            out.flush();
            err.flush();
            return failures.isEmpty() ? Dotlink.EXIT_OK : Dotlink.EXIT_INPUT_PROBLEMS;
        }
    }
}
