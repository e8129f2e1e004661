package org.dotlink.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code dotlink} command: threat hunting and campaign attribution over Windows event logs. */
@Command(name = "dotlink", mixinStandardHelpOptions = true, version = "dotlink 0.1.0",
        description = "Threat hunting and campaign attribution over Windows event logs.",
        subcommands = {DemoCommand.class, HuntCommand.class, EventsCommand.class, RulesCommand.class, QueryCommand.class,
                ServeCommand.class, AttributeCommand.class, AttackCommand.class, StreamCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success; 1 finished, but some inputs could not be read (listed on stderr);"
                + " 2 bad usage."})
public final class Dotlink implements Runnable {

    public static final int EXIT_OK = 0;
    public static final int EXIT_INPUT_PROBLEMS = 1;
    public static final int EXIT_USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests run commands through this too. */
    public static CommandLine commandLine() {
        return new CommandLine(new Dotlink());
    }

    @Override
    public void run() {
        commandLine().usage(System.err);
    }
}
