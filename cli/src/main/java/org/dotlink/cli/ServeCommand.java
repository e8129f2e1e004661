package org.dotlink.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.dotlink.store.StoreException;
import org.dotlink.web.FindingsDb;
import org.dotlink.web.HuntOutputs;
import org.dotlink.web.WebServer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code dotlink serve}: the local web UI over a hunt's output folder or a store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve a local web UI and JSON API over a hunt's results: the overview, stories with their graphs, "
                    + "findings with filters and paging, the timeline, the ATT&CK heatmap, clusters with overlap "
                    + "and attribution. The API is described at /api/openapi.json.",
            "",
            "--from DIR: a hunt's output folder (findings.jsonl, stories.json, clusters.json, summary.json); its "
                    + "findings are loaded into a temporary store. --db FILE: a store, opened read-only; it holds "
                    + "findings with their story ids (stories and clusters need --from; both may be given).",
            "",
            "Binds 127.0.0.1 by default. Bound to any other address, every request needs a token: --token T, or "
                    + "one generated and printed at start. Only GET and HEAD are served.",
            ""},
        footer = {"", "Example:", "  dotlink serve --from dotlink-out", "",
                "Exit status: 0 stopped; 1 the inputs could not be read or the port is taken; 2 bad usage."})
final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ArgGroup(exclusive = false, multiplicity = "1")
    Inputs inputs;

    /** At least one of --from and --db. */
    static final class Inputs {
        @Option(names = "--from", paramLabel = "DIR", description = "A hunt's output folder.")
        Path from;

        @Option(names = "--db", paramLabel = "FILE", description = "A Dotlink store (DuckDB file), opened read-only.")
        Path db;
    }

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = WebServer.Settings.DEFAULT_BIND,
            description = "The address to listen on; default ${DEFAULT-VALUE}. Any other than loopback needs a token.")
    String bind;

    @Option(names = "--port", paramLabel = "N", defaultValue = "7474",
            description = "The port; default ${DEFAULT-VALUE}; 0 for any free one.")
    int port;

    @Option(names = "--token", paramLabel = "T",
            description = "The token requests must carry (Authorization: Bearer T, or ?token=T once in a browser)."
                    + " Without it, one is generated when --bind is not a loopback address.")
    String token;

    /** Released to stop a running server (tests); the command otherwise runs until the process ends. */
    final CountDownLatch stop = new CountDownLatch(1);
    volatile WebServer server;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (port < 0 || port > 65535) {
            err.println("dotlink serve: --port: must be between 0 and 65535");
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        if (token != null && token.length() < 16) {
            err.println("dotlink serve: --token: use at least 16 characters");
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        if (inputs.from != null && !Files.isDirectory(inputs.from)) {
            err.println("dotlink serve: --from " + inputs.from + ": not a folder");
            err.flush();
            return Dotlink.EXIT_USAGE;
        }
        FindingsDb db;
        try {
            if (inputs.db != null) {
                db = FindingsDb.open(inputs.db);
            } else {
                Path findings = inputs.from.resolve("findings.jsonl");
                if (!Files.isRegularFile(findings)) {
                    err.println("dotlink serve: " + findings + ": missing (is " + inputs.from + " a hunt's output folder?)");
                    err.flush();
                    return Dotlink.EXIT_USAGE;
                }
                db = FindingsDb.load(findings, Path.of(System.getProperty("java.io.tmpdir")));
            }
        } catch (StoreException e) {
            err.println("dotlink serve: " + e.getMessage());
            err.flush();
            return e.reason() == StoreException.Reason.NO_SUCH_FILE || e.reason() == StoreException.Reason.NOT_A_DATABASE
                    ? Dotlink.EXIT_USAGE : Dotlink.EXIT_INPUT_PROBLEMS;
        } catch (IOException | RuntimeException e) {
            err.println("dotlink serve: " + e.getMessage());
            err.flush();
            return Dotlink.EXIT_INPUT_PROBLEMS;
        }
        try (db) {
            HuntOutputs outputs = inputs.from == null ? HuntOutputs.none() : HuntOutputs.read(inputs.from);
            db.problems().forEach(p -> err.println("dotlink serve: " + p));
            outputs.problems().forEach(p -> err.println("dotlink serve: " + p));
            try {
                server = WebServer.start(new WebServer.Settings(bind, port, token), db, outputs, line -> {
                    err.println("dotlink serve: " + line);
                    err.flush();
                });
            } catch (StoreException e) {
                err.println("dotlink serve: cannot read the findings: " + e.getMessage());
                err.flush();
                return Dotlink.EXIT_INPUT_PROBLEMS;
            } catch (RuntimeException e) {
                err.println("dotlink serve: cannot listen on " + bind + ":" + port + ": " + e.getMessage());
                err.flush();
                return Dotlink.EXIT_INPUT_PROBLEMS;
            }
            try (WebServer running = server) {
                out.println("dotlink serve: " + running.url());
                if (running.token() != null) {
                    out.println("dotlink serve: every request needs the token; scripts send"
                            + " 'Authorization: Bearer " + running.token() + "'");
                }
                out.println("dotlink serve: press Ctrl+C to stop");
                out.flush();
                err.flush();
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return Dotlink.EXIT_OK;
    }
}
