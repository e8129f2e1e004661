package org.dotlink.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** One run of the {@code dotlink} command line in this JVM: its exit status and what it wrote. */
record CliRun(int exit, String out, String err) {

    /** Runs {@code dotlink args...}. */
    static CliRun of(String... args) {
        CommandLine cli = Dotlink.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new CliRun(exit, out.toString(), err.toString());
    }

    /** Runs {@code dotlink command args...}. */
    static CliRun command(String command, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = command;
        System.arraycopy(args, 0, full, 1, args.length);
        return of(full);
    }
}
